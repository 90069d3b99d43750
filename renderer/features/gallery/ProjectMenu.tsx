/** Rename or delete a project (its images go to Unsorted; files never move). */
import { useState } from 'react';
import type { Project } from '../../../shared/types';
import { seedbank } from '../../platform/seedbank';
import { useLibraryStore } from '../../state/library-store';
import { useViewStore } from '../../state/view-store';
import { describeError, errorInfoOf } from '../../ui/error-text';

async function attempt(work: () => Promise<unknown>): Promise<void> {
  try {
    await work();
    await useLibraryStore.getState().refreshProjects();
  } catch (err) {
    const info = errorInfoOf(err);
    useViewStore.getState().showToast(describeError(info).title, info);
  }
}

export function ProjectMenu({ project, onDone }: { project: Project; onDone: () => void }) {
  const [name, setName] = useState(project.name);
  const rename = () =>
    void attempt(async () => {
      if (name.trim() && name.trim() !== project.name)
        await seedbank().projects.rename({ id: project.id, name: name.trim() });
      onDone();
    });
  const remove = () =>
    void attempt(async () => {
      const { moved } = await seedbank().projects.delete({ id: project.id, images: 'unsorted' });
      const library = useLibraryStore.getState();
      if (library.filter.projectId === project.id) library.setFilter({ projectId: undefined });
      useViewStore
        .getState()
        .showToast(`Deleted “${project.name}”; ${moved} image${moved === 1 ? '' : 's'} moved to Unsorted`);
      onDone();
    });
  return (
    <div className="project-menu">
      <input
        autoFocus
        aria-label={`New name for ${project.name}`}
        value={name}
        onChange={(e) => setName(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') rename();
          if (e.key === 'Escape') onDone();
        }}
      />
      <div className="row">
        <button type="button" className="small" onClick={rename}>
          Rename
        </button>
        <button type="button" className="small danger" onClick={remove}>
          Delete project
        </button>
        <button type="button" className="small ghost" onClick={onDone}>
          Cancel
        </button>
      </div>
    </div>
  );
}
