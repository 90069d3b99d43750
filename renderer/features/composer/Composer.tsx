/**
 * The composer panel: everything a request needs, built from the selected model's catalog entry,
 * with the estimate and the Generate button at the bottom.
 */
import { useComposerStore } from '../../state/composer-store';
import { generate } from '../../state/generate';
import { modelOrDefault } from '../../state/composer-params';
import { useLibraryStore } from '../../state/library-store';
import { useSettingsStore } from '../../state/settings-store';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { EditorButtons } from './EditorButtons';
import { ConfirmSendDialog } from './ConfirmSendDialog';
import { CostLine } from './CostLine';
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
  const key = useSettingsStore((s) => s.key);
  const spec = modelOrDefault(model);
  const invalidField = error?.code === 'INVALID_INPUT' ? (error.field?.split('.').at(-1) ?? null) : null;

  return (
    <form
      className="composer"
      aria-label="Composer"
      onSubmit={(e) => {
        e.preventDefault();
        generate();
      }}
    >
      {key && !key.hasKey && (
        <ErrorNotice error={{ code: 'KEY_MISSING', message: key.message ?? 'No API key is set' }} />
      )}
      <PromptField invalid={invalidField === 'prompt'} required={spec.promptRequired} />
      <ModelPicker />
      <ReferenceSlots spec={spec} />
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
        <button type="submit" className="primary generate" disabled={sending}>
          Generate
        </button>
      </div>
      <ConfirmSendDialog />
    </form>
  );
}
