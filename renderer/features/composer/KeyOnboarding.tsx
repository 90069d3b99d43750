/**
 * The composer's first step when no key is set: one clear thing to do, in place of an error —
 * where to get a key, a field, Test and Save (or "use for this session only" without a keychain).
 */
import { BFL_LINKS } from '../../../shared/bfl-links';
import { useSettingsStore } from '../../state/settings-store';
import { ExternalLink } from '../../ui/ExternalLink';
import { KeyForm } from '../../ui/KeyForm';

export function KeyOnboarding() {
  // Without a keychain the form itself explains the choice; the status message would repeat it.
  const message = useSettingsStore((s) => (s.key?.keychainAvailable ? s.key.message : null));
  return (
    <section className="onboarding" aria-labelledby="onboarding-head" data-testid="key-onboarding">
      <h2 id="onboarding-head">Add your BFL API key</h2>
      <p className="hint">
        Seedbank generates with your own Black Forest Labs account. Make a key in the{' '}
        <ExternalLink href={BFL_LINKS.dashboard}>BFL dashboard</ExternalLink> (“Add Key”) and paste it here.
      </p>
      {message && <p className="hint">{message}</p>}
      <KeyForm
        id="onboarding-key"
        labels={{ field: 'Your BFL API key', test: 'Test', save: 'Save' }}
        placeholder="Paste your key"
      />
    </section>
  );
}
