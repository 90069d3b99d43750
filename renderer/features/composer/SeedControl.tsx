/** Seed: random each time, fixed, or +1 after each run. A past image's seed locks in one click elsewhere. */
import { useComposerStore, type SeedMode } from '../../state/composer-store';

const MODES: { value: SeedMode; label: string }[] = [
  { value: 'random', label: 'Random' },
  { value: 'fixed', label: 'Fixed' },
  { value: 'increment', label: '+1 each run' },
];

export function SeedControl({ invalid }: { invalid: boolean }) {
  const seed = useComposerStore((s) => s.seed);
  const seedMode = useComposerStore((s) => s.seedMode);
  const setSeed = useComposerStore((s) => s.setSeed);
  const setSeedMode = useComposerStore((s) => s.setSeedMode);
  return (
    <div className="field">
      <label htmlFor="composer-seed">Seed</label>
      <div className="row">
        <input
          id="composer-seed"
          type="number"
          min={0}
          step={1}
          inputMode="numeric"
          value={seedMode === 'random' ? '' : (seed ?? '')}
          placeholder="random"
          aria-invalid={invalid}
          onChange={(e) => setSeed(e.target.value === '' ? null : Math.max(0, Math.floor(Number(e.target.value))))}
        />
        <div className="segmented" role="radiogroup" aria-label="Random, fixed or counting up">
          {MODES.map((m) => (
            <button
              key={m.value}
              type="button"
              role="radio"
              aria-checked={seedMode === m.value}
              className={seedMode === m.value ? 'on' : ''}
              onClick={() => setSeedMode(m.value)}
            >
              {m.label}
            </button>
          ))}
        </div>
      </div>
    </div>
  );
}
