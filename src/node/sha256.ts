/** The SHA-256 of a text as hex: how a manifest names the exact model file a batch ran. */
import { createHash } from 'node:crypto';

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
