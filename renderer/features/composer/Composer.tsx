/**
 * The composer panel: everything a request needs, built from the selected model's catalog entry,
 * with the estimate and the Generate button at the bottom.
 */
import { maskSizeProblem } from '../../../shared/models/editor-kinds';
import { useComposerStore } from '../../state/composer-store';
import { generate } from '../../state/generate';
import { useJobsStore } from '../../state/jobs-store';
import { modelOrDefault } from '../../state/composer-params';
import { useLibraryStore } from '../../state/library-store';
import { useSettingsStore } from '../../state/settings-store';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { ConfirmSendDialog } from './ConfirmSendDialog';
import { EditorButtons } from './EditorButtons';
import { CostLine } from './CostLine';
import { KeyOnboarding } from './KeyOnboarding';
import { ModelFields } from './ModelFields';
import { ModelPicker } from './ModelPicker';
import { PromptField } from './PromptField';
import { ReferenceSlots } from './ReferenceSlots';
import { SeedControl } from './SeedControl';
import { SizeControl } from './SizeControl';

export function Composer() {
  const model = useComposerStore((s) => s.model);
  const error = useComposerStore((s) => s.error);
  const count = useComposerStore((s) => s.count);
  const setCount = useComposerStore((s) => s.setCount);
  const projectId = useComposerStore((s) => s.projectId);
  const setProject = useComposerStore((s) => s.setProject);
  const sending = useComposerStore((s) => s.sending);
  const clearError = useComposerStore((s) => s.clearError);
  const projects = useLibraryStore((s) => s.projects);
  // Only once the status is known: an unknown status must not flash the key step.
  const noKey = useSettingsStore((s) => s.key !== null && !s.key.hasKey);
  const spec = modelOrDefault(model);
  const inputs = useComposerStore((s) => s.inputs);
  // The core refuses this too; saying it here spares a round trip and puts it at the slot.
  const maskProblem = maskSizeProblem(
    spec,
    inputs.map((slot) => (slot.width && slot.height ? { width: slot.width, height: slot.height } : null)),
  );
  const whyDisabled = noKey
    ? 'Generate needs your BFL API key (above).'
    : maskProblem
      ? 'Generate needs a mask the size of its image (see the mask slot above).'
      : null;
  // BFL's own refusal (a 422 naming a field) arrives later, on the job: mark that control too,
  // until the next Generate.
  const refusedField = useJobsStore((s) => {
    const newest = s.jobs[0];
    return newest?.status === 'failed' && newest.error?.code === 'INVALID_INPUT' ? (newest.error.field ?? null) : null;
  });
  const invalidField =
    (error?.code === 'INVALID_INPUT' ? (error.field?.split('.').at(-1) ?? null) : null) ??
    refusedField?.split('.').at(-1) ??
    null;

  return (
    <>
      {/* Outside the composer's form: the key step is a form of its own. */}
      {noKey && <KeyOnboarding />}
      <form
        className="composer"
        aria-label="Composer"
        onSubmit={(e) => {
          e.preventDefault();
          generate();
        }}
      >
        <PromptField invalid={invalidField === 'prompt'} required={spec.promptRequired} />
        <ModelPicker />
        <ReferenceSlots
          spec={spec}
          maskProblem={maskProblem}
          invalid={invalidField === 'mask' || invalidField === 'inputs'}
        />
        <EditorButtons spec={spec} />
        <SizeControl spec={spec} invalidField={invalidField} />
        <SeedControl invalid={invalidField === 'seed'} />
        <ModelFields spec={spec} invalidField={invalidField} />
        <div className="row">
          <div className="field narrow">
            <label htmlFor="composer-count">Count</label>
            <input
              id="composer-count"
              type="number"
              min={1}
              max={100}
              value={count}
              onChange={(e) => setCount(Number(e.target.value))}
            />
          </div>
          <div className="field grow">
            <label htmlFor="composer-project">Save to</label>
            <select id="composer-project" value={projectId ?? ''} onChange={(e) => setProject(e.target.value || null)}>
              <option value="">Unsorted</option>
              {projects.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
            </select>
          </div>
        </div>
        <div className="composer-footer">
          {error && <ErrorNotice error={error} onDismiss={clearError} onRetry={generate} />}
          <CostLine />
          <button
            type="submit"
            className="primary generate"
            disabled={sending || whyDisabled !== null}
            aria-describedby={whyDisabled ? 'generate-why' : undefined}
          >
            Generate
          </button>
          {whyDisabled && (
            <p id="generate-why" className="hint generate-why">
              {whyDisabled}
            </p>
          )}
        </div>
        <ConfirmSendDialog />
      </form>
    </>
  );
}
