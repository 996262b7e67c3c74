import { useState } from 'react';
import { Link as LinkIcon, Pencil, Trash2 } from 'lucide-react';
import type { Collection, SavedOperation } from '../../../../shared/api/playground.ts';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';
import { errorMessage } from '@/lib/api-client';
import { useCollectionActions, useCollections } from '../api/collections.ts';
import { operationLink } from '../lib/share-link.ts';
import { usePlaygroundPage } from './playground-provider.tsx';

type Actions = ReturnType<typeof useCollectionActions>;

/** The graph's shared collections: anyone opens a saved operation, developers organise them. */
export function CollectionsPanel() {
  const page = usePlaygroundPage();
  const collections = useCollections(page.graph);
  const actions = useCollectionActions(page.graph);
  const [error, setError] = useState<string | null>(null);
  const onError = (e: unknown) => setError(errorMessage(e));
  const list = collections.data ?? [];
  return (
    <div className="space-y-4 p-3 text-sm" data-testid="collections-panel">
      {page.canEdit ? <SaveCurrent collections={list} actions={actions} onError={onError} /> : null}
      {error ? <p className="text-xs text-destructive" role="alert">{error}</p> : null}
      {collections.isPending ? <p className="text-xs opacity-60">Loading…</p> : null}
      {collections.isError ? <p className="text-xs text-destructive">{errorMessage(collections.error)}</p> : null}
      {collections.isSuccess && list.length === 0 ? (
        <p className="text-xs opacity-70">
          No saved operations for this graph yet.{page.canEdit ? ' Save the one in the editor above.' : ' Developers can save them.'}
        </p>
      ) : null}
      {list.map((c) => (
        <CollectionItem key={c.id} collection={c} all={list} actions={actions} onError={onError} />
      ))}
    </div>
  );
}

function SaveCurrent({ collections, actions, onError }: { collections: Collection[]; actions: Actions; onError: (e: unknown) => void }) {
  const page = usePlaygroundPage();
  const [name, setName] = useState('');
  const [target, setTarget] = useState('');
  const [newCollection, setNewCollection] = useState('');
  const save = async () => {
    try {
      let collectionId = target || collections[0]?.id;
      if (!collectionId || newCollection.trim()) {
        collectionId = (await actions.create.mutateAsync(newCollection.trim() || 'Saved')).id;
        setNewCollection('');
      }
      const editors = page.readEditors();
      await actions.save.mutateAsync({
        collectionId,
        op: { name, query: editors.query ?? '', variables: editors.variables ?? '', headers: editors.headers ?? '', flag: page.flag },
      });
      setName('');
    } catch (e) {
      onError(e);
    }
  };
  return (
    <section className="space-y-2 rounded-md border p-2">
      <h3 className="font-semibold">Save the current operation</h3>
      <Input aria-label="Operation name" placeholder="Name" value={name} onChange={(e) => setName(e.target.value)} />
      <div className="flex gap-2">
        {collections.length ? (
          <select className="h-8 rounded-md border bg-background px-1 text-xs" aria-label="Collection" value={target} onChange={(e) => setTarget(e.target.value)}>
            {collections.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        ) : null}
        <Input aria-label="New collection name" placeholder={collections.length ? 'or a new collection' : 'Collection name'} value={newCollection} onChange={(e) => setNewCollection(e.target.value)} />
      </div>
      <p className="text-xs text-muted-foreground">Saves the query, variables, headers ({'{{templates}}'} stay templates) and the target{page.flag ? ` (flag ${page.flag})` : ''}.</p>
      <Button size="sm" onClick={() => void save()} disabled={!name.trim()} loading={actions.save.isPending || actions.create.isPending}>
        Save operation
      </Button>
    </section>
  );
}

function CollectionItem({ collection, all, actions, onError }: { collection: Collection; all: Collection[]; actions: Actions; onError: (e: unknown) => void }) {
  const page = usePlaygroundPage();
  const [renaming, setRenaming] = useState<string | null>(null);
  return (
    <section data-testid="collection" data-name={collection.name}>
      <div className="flex items-center gap-1">
        {renaming !== null ? (
          <form
            className="flex gap-1"
            onSubmit={(e) => {
              e.preventDefault();
              actions.rename.mutate({ id: collection.id, name: renaming }, { onSuccess: () => setRenaming(null), onError });
            }}
          >
            <Input aria-label="Collection name" value={renaming} onChange={(e) => setRenaming(e.target.value)} />
            <Button size="sm" type="submit">
              Rename
            </Button>
          </form>
        ) : (
          <h3 className="font-semibold">{collection.name}</h3>
        )}
        {page.canEdit && renaming === null ? (
          <span className="ml-auto flex gap-1">
            <IconButton label={`Rename collection ${collection.name}`} onClick={() => setRenaming(collection.name)} icon={<Pencil size={13} />} />
            <IconButton
              label={`Delete collection ${collection.name}`}
              onClick={() => window.confirm(`Delete "${collection.name}" and its ${collection.operations.length} operations?`) && actions.remove.mutate(collection.id, { onError })}
              icon={<Trash2 size={13} />}
            />
          </span>
        ) : null}
      </div>
      <ul className="mt-1 space-y-0.5">
        {collection.operations.map((op) => (
          <OperationItem key={op.id} op={op} all={all} actions={actions} onError={onError} />
        ))}
      </ul>
    </section>
  );
}

function OperationItem({ op, all, actions, onError }: { op: SavedOperation; all: Collection[]; actions: Actions; onError: (e: unknown) => void }) {
  const page = usePlaygroundPage();
  const [renaming, setRenaming] = useState<string | null>(null);
  const link = operationLink(window.location.origin, page.graph.org, `${page.graph.namespace}/${page.graph.graph}`, op.id);
  if (renaming !== null) {
    return (
      <li>
        <form
          className="flex gap-1"
          onSubmit={(e) => {
            e.preventDefault();
            actions.update.mutate({ id: op.id, changes: { name: renaming } }, { onSuccess: () => setRenaming(null), onError });
          }}
        >
          <Input aria-label="Operation name" value={renaming} onChange={(e) => setRenaming(e.target.value)} />
          <Button size="sm" type="submit">
            Rename
          </Button>
        </form>
      </li>
    );
  }
  return (
    <li className="group flex items-center gap-1" data-testid="saved-operation">
      <button type="button" className="truncate text-left hover:underline" onClick={() => page.openOperation(op)} title={`Open (by ${op.updatedBy})`}>
        {op.name}
      </button>
      {op.flag ? <span className="rounded bg-sky-500/15 px-1 text-[10px] text-sky-700 dark:text-sky-300">{op.flag}</span> : null}
      <span className="ml-auto flex items-center gap-1">
        <IconButton label={`Copy link to ${op.name}`} onClick={() => void navigator.clipboard.writeText(link)} icon={<LinkIcon size={13} />} />
        {page.canEdit ? (
          <>
            <IconButton label={`Rename ${op.name}`} onClick={() => setRenaming(op.name)} icon={<Pencil size={13} />} />
            {all.length > 1 ? (
              <select
                className="h-6 rounded border bg-background text-[11px]"
                aria-label={`Move ${op.name}`}
                value={op.collectionId}
                onChange={(e) => actions.update.mutate({ id: op.id, changes: { collectionId: e.target.value } }, { onError })}
              >
                {all.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.name}
                  </option>
                ))}
              </select>
            ) : null}
            <IconButton label={`Delete ${op.name}`} onClick={() => actions.removeOperation.mutate(op.id, { onError })} icon={<Trash2 size={13} />} />
          </>
        ) : null}
      </span>
    </li>
  );
}

function IconButton({ label, onClick, icon }: { label: string; onClick: () => void; icon: React.ReactNode }) {
  return (
    <button type="button" aria-label={label} title={label} className="opacity-60 hover:opacity-100" onClick={onClick}>
      {icon}
    </button>
  );
}
