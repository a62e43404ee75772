/** Models of any size, built in code: `actors` actors over `issues` continuous issues of `levels` levels each. */
import { stringify } from 'yaml';

export function generatedModel(actors: number, issues: number, levels: number): Record<string, unknown> {
  const issueIds = Array.from({ length: issues }, (_, k) => `issue-${k}`);
  const actorIds = Array.from({ length: actors }, (_, k) => `actor-${k}`);
  const weight = 1 / issues;
  return {
    name: `generated-${actors}x${issues}x${levels}`,
    title: `${actors} actors, ${issues} issues of ${levels} levels`,
    negotiation: { rounds: 10, breakdownRisk: 0.02 },
    vetoPlayers: actorIds.slice(0, 2),
    issues: Object.fromEntries(issueIds.map((id) => [id, { label: id, kind: 'continuous', range: [0, 1], levels }])),
    actors: Object.fromEntries(
      actorIds.map((id, a) => [
        id,
        {
          label: id,
          capability: 1,
          reservation: 0.3,
          patience: 0.95,
          salience: Object.fromEntries(issueIds.map((i) => [i, weight])),
          preferences: Object.fromEntries(issueIds.map((i) => [i, { ideal: a % 2 }])),
        },
      ]),
    ),
  };
}

export function generatedModelYaml(actors: number, issues: number, levels: number): string {
  return stringify(generatedModel(actors, issues, levels));
}
