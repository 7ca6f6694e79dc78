import {
  createFolderArtifactStore,
  type ArtifactRef,
  type ArtifactStore,
} from '../../activities/engine/artifacts/artifact-store';

const scheme = 'artifact://';

/**
 * Saved in a temporary folder but named neutrally, so a recorded history holds no local path. `local` gives back
 * the folder store's reference of a neutral one, for an activity that reads a file an earlier one saved.
 */
export function neutralArtifacts(dir: string): ArtifactStore & { local(ref: ArtifactRef): ArtifactRef } {
  const store = createFolderArtifactStore(dir);
  const named = (ref: ArtifactRef, group: string): ArtifactRef => ({ ...ref, uri: `${scheme}${group}/${ref.name}` });
  return {
    save: async (group, name, data, owner) => named(await store.save(group, name, data, owner), group),
    localPath: (group, name, owner) => store.localPath(group, name, owner),
    ownerOf: (group) => store.ownerOf(group),
    refOf: (group, name, bytes) => named(store.refOf(group, name, bytes), group),
    local(ref) {
      const path = ref.uri.slice(scheme.length);
      return store.refOf(path.slice(0, path.lastIndexOf('/')), ref.name, ref.bytes);
    },
  };
}
