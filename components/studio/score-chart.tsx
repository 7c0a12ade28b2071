"use client";

import type { KeyboardEvent } from "react";
import type { LoopState, Round } from "@/lib/loop/loop-types";

interface ScoreChartProps {
  loop: LoopState;
  selectedId: string | null;
  onSelect: (roundId: string) => void;
}

const WIDTH = 560;
const HEIGHT = 96;
const PAD = { left: 28, right: 12, top: 10, bottom: 18 };

/** Score over rounds, drawn as plain SVG; each point is a button that selects its round. */
export function ScoreChart({ loop, selectedId, onSelect }: ScoreChartProps) {
  const scored = loop.rounds.filter((r): r is Round & { critique: NonNullable<Round["critique"]> } => r.critique !== null);
  if (scored.length === 0) return null;
  const count = Math.max(loop.rounds.length, 2);
  const x = (index: number) => PAD.left + ((index - 1) / (count - 1)) * (WIDTH - PAD.left - PAD.right);
  const y = (score: number) => PAD.top + (1 - score / 10) * (HEIGHT - PAD.top - PAD.bottom);
  const line = scored.map((r) => `${x(r.index).toFixed(1)},${y(r.critique.score).toFixed(1)}`).join(" ");
  const threshold = loop.settings.mode === "paper" ? loop.settings.threshold : null;

  const handleKey = (event: KeyboardEvent, roundId: string) => {
    if (event.key === "Enter" || event.key === " ") {
      event.preventDefault();
      onSelect(roundId);
    }
  };

  return (
    <figure className="rounded-lg border border-slate-200 bg-white px-2 pt-1">
      <svg role="group" aria-label="Score over rounds" viewBox={`0 0 ${WIDTH} ${HEIGHT}`} className="h-24 w-full" preserveAspectRatio="none">
        {[0, 5, 10].map((tick) => (
          <g key={tick}>
            <line x1={PAD.left} x2={WIDTH - PAD.right} y1={y(tick)} y2={y(tick)} stroke="#e2e8f0" strokeWidth={1} />
            <text x={PAD.left - 6} y={y(tick) + 3} textAnchor="end" fontSize={9} fill="#475569">
              {tick}
            </text>
          </g>
        ))}
        {threshold !== null && (
          <line x1={PAD.left} x2={WIDTH - PAD.right} y1={y(threshold)} y2={y(threshold)} stroke="#10b981" strokeDasharray="4 3" strokeWidth={1}>
            <title>Threshold {threshold.toFixed(1)}</title>
          </line>
        )}
        <polyline points={line} fill="none" stroke="#6366f1" strokeWidth={2} vectorEffect="non-scaling-stroke" />
        {loop.rounds.map((r) => (
          <text key={r.id} x={x(r.index)} y={HEIGHT - 4} textAnchor="middle" fontSize={9} fill="#475569">
            R{r.index}
          </text>
        ))}
        {scored.map((r) => {
          const selected = r.id === selectedId;
          return (
            <circle
              key={r.id}
              role="button"
              tabIndex={0}
              aria-label={`Select round ${r.index}, score ${r.critique.score.toFixed(1)}`}
              aria-pressed={selected}
              cx={x(r.index)}
              cy={y(r.critique.score)}
              r={selected ? 6 : 4.5}
              fill={r.kind === "edit" ? "#f59e0b" : "#6366f1"}
              stroke={selected ? "#1e1b4b" : "#fff"}
              strokeWidth={2}
              className="cursor-pointer focus-visible:stroke-indigo-900"
              onClick={() => onSelect(r.id)}
              onKeyDown={(e) => handleKey(e, r.id)}
            >
              <title>{`Round ${r.index}: ${r.critique.score.toFixed(1)}`}</title>
            </circle>
          );
        })}
      </svg>
      <figcaption className="sr-only">Critic score of each round; select a point to show that round.</figcaption>
    </figure>
  );
}
