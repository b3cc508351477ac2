// --grep: which steps run. A matching scenario runs whole; otherwise matching steps run with the steps they read.
import type { Scenario } from "./types.js";

export function selectSteps(scenario: Scenario, grep: string | undefined): Set<number> {
  const all = new Set(scenario.steps.map((s) => s.index));
  if (!grep) return all;
  const needle = grep.toLowerCase();
  if (scenario.name.toLowerCase().includes(needle) || scenario.file.toLowerCase().includes(needle)) return all;
  const picked = new Set<number>();
  const byName = new Map(scenario.steps.filter((s) => s.named).map((s) => [s.name, s]));
  const add = (index: number) => {
    if (picked.has(index)) return;
    picked.add(index);
    const step = scenario.steps.find((s) => s.index === index)!;
    for (const n of step.needs) {
      const dep = byName.get(n);
      if (dep) add(dep.index);
    }
  };
  for (const s of scenario.steps) if (s.name.toLowerCase().includes(needle)) add(s.index);
  return picked;
}
