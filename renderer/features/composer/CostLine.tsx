/** The estimate before sending, beside the account's balance. */
import { useComposerStore } from '../../state/composer-store';
import { useSettingsStore } from '../../state/settings-store';
import { formatCredits } from '../../ui/format';

export function CostLine() {
  // Recomputed from the whole composer state: any field can change the price.
  const estimate = useComposerStore((s) => s.estimate());
  const count = useComposerStore((s) => s.count);
  const credits = useSettingsStore((s) => s.credits);
  const hasKey = useSettingsStore((s) => s.key?.hasKey ?? false);
  return (
    <p className="cost-line" aria-live="polite">
      <span>
        Estimated <strong data-testid="estimate">{estimate === null ? '—' : formatCredits(estimate)}</strong> credits
        {count > 1 ? ` for ${count} images` : ''}
        {estimate !== null ? ` (≈ $${(estimate / 100).toFixed(2)})` : ''}
      </span>
      <span className="hint">
        {hasKey ? (credits === null ? 'Balance unknown' : `Balance ${formatCredits(credits)}`) : 'No key set'}
      </span>
    </p>
  );
}
