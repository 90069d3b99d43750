/** Projects, Unsorted and Trash. Thumbnails dropped on a project move there. */
import { useState, type DragEvent } from 'react';
import { seedbank } from '../../platform/seedbank';
import { useLibraryStore } from '../../state/library-store';
import { useSettingsStore } from '../../state/settings-store';
import { useViewStore } from '../../state/view-store';
import { describeError, errorInfoOf } from '../../ui/error-text';
import { GENERATION_DRAG_TYPE } from '../../ui/read-image-file';
import { emptyTrash, move } from '../../state/library-actions';
import { EmptyTrashDialog } from './EmptyTrashDialog';
import { ProjectMenu } from './ProjectMenu';
import { ImportButton } from './ImportDialog';

type Place = { kind: 'all' } | { kind: 'unsorted' } | { kind: 'trash' } | { kind: 'project'; id: string };

function currentPlace(filter: { projectId?: string | null; trashed?: boolean }): Place {
  if (filter.trashed) return { kind: 'trash' };
  if (filter.projectId === null) return { kind: 'unsorted' };
  if (typeof filter.projectId === 'string') return { kind: 'project', id: filter.projectId };
  return { kind: 'all' };
}

export function ProjectSidebar() {
  const projects = useLibraryStore((s) => s.projects);
  const unsortedCount = useLibraryStore((s) => s.unsortedCount);
  const trashCount = useLibraryStore((s) => s.trashCount);
  const filter = useLibraryStore((s) => s.filter);
  const setFilter = useLibraryStore((s) => s.setFilter);
  const showToast = useViewStore((s) => s.showToast);
  // A team library imports through this computer's library + `seedbank library push`, and its
  // trash is emptied only by `seedbank library empty-trash` (the channels refuse both): no buttons.
  const team = useSettingsStore((s) => s.view?.settings.library.mode === 'team');
  const [naming, setNaming] = useState(false);
  const [name, setName] = useState('');
  const [confirmEmpty, setConfirmEmpty] = useState(false);
  const [editing, setEditing] = useState<string | null>(null);
  const place = currentPlace(filter);
  const go = (next: Place) =>
    setFilter({
      trashed: next.kind === 'trash' ? true : undefined,
      projectId: next.kind === 'project' ? next.id : next.kind === 'unsorted' ? null : undefined,
    });
  const isHere = (p: Place) =>
    p.kind === place.kind && (p.kind !== 'project' || (place.kind === 'project' && place.id === p.id));

  const dropTo = (projectId: string | null) => ({
    onDragOver: (e: DragEvent) => {
      if (e.dataTransfer.types.includes(GENERATION_DRAG_TYPE)) e.preventDefault();
    },
    onDrop: (e: DragEvent) => {
      const ids = e.dataTransfer.getData(GENERATION_DRAG_TYPE);
      if (!ids) return;
      e.preventDefault();
      void move(ids.split(','), projectId);
    },
  });

  const create = async () => {
    const trimmed = name.trim();
    setNaming(false);
    setName('');
    if (!trimmed) return;
    try {
      await seedbank().projects.create({ name: trimmed });
      await useLibraryStore.getState().refreshProjects();
    } catch (err) {
      const info = errorInfoOf(err);
      showToast(describeError(info).title, info);
    }
  };

  const item = (p: Place, label: string, count: number | null, projectId?: string | null, onEdit?: () => void) => (
    <li key={p.kind === 'project' ? p.id : p.kind} className="nav-row">
      <button
        type="button"
        className={isHere(p) ? 'nav-item on' : 'nav-item'}
        aria-current={isHere(p) ? 'page' : undefined}
        onClick={() => go(p)}
        {...(projectId !== undefined ? dropTo(projectId) : {})}
      >
        <span className="nav-label">{label}</span>
        {count !== null && <span className="hint">{count.toLocaleString()}</span>}
      </button>
      {onEdit && (
        <button type="button" className="nav-edit ghost small" aria-label={`Edit project ${label}`} onClick={onEdit}>
          ⋯
        </button>
      )}
    </li>
  );

  return (
    <nav className="sidebar" aria-label="Projects">
      <ul>
        {item({ kind: 'all' }, 'All images', null)}
        {item({ kind: 'unsorted' }, 'Unsorted', unsortedCount, null)}
      </ul>
      <h2 className="sidebar-head">Projects</h2>
      <ul>
        {projects.map((p) =>
          editing === p.id ? (
            <li key={p.id}>
              <ProjectMenu project={p} onDone={() => setEditing(null)} />
            </li>
          ) : (
            item({ kind: 'project', id: p.id }, p.name, p.count, p.id, () => setEditing(p.id))
          ),
        )}
        <li>
          {naming ? (
            <input
              autoFocus
              aria-label="New project name"
              value={name}
              onChange={(e) => setName(e.target.value)}
              onBlur={() => void create()}
              onKeyDown={(e) => {
                if (e.key === 'Enter') void create();
                if (e.key === 'Escape') setNaming(false);
              }}
            />
          ) : (
            <button type="button" className="nav-item ghost" onClick={() => setNaming(true)}>
              + New project
            </button>
          )}
        </li>
      </ul>
      <ul className="sidebar-foot">
        {!team && (
          <li>
            <ImportButton />
          </li>
        )}
        {item({ kind: 'trash' }, 'Trash', trashCount)}
        {place.kind === 'trash' && trashCount > 0 && !team && (
          <li>
            <button type="button" className="nav-item danger" onClick={() => setConfirmEmpty(true)}>
              Empty Trash
            </button>
          </li>
        )}
        {place.kind === 'trash' && trashCount > 0 && team && (
          <li className="sidebar-note">
            The team trash is emptied with <code>seedbank library empty-trash</code>
          </li>
        )}
      </ul>
      {confirmEmpty && (
        <EmptyTrashDialog
          count={trashCount}
          onClose={() => setConfirmEmpty(false)}
          onConfirm={() => {
            setConfirmEmpty(false);
            void emptyTrash();
          }}
        />
      )}
    </nav>
  );
}
