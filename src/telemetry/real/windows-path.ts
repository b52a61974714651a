/** ECS `file.*` of a Windows path: the path as written, its last part as name and the rest as directory. */
export interface WindowsFileFields {
  path: string;
  name?: string;
  directory?: string;
}

export function windowsFileFields(path: string): WindowsFileFields {
  const cut = Math.max(path.lastIndexOf('\\'), path.lastIndexOf('/'));
  if (cut === -1) return { path, name: path };
  const name = path.slice(cut + 1);
  return { path, ...(name ? { name } : {}), ...(cut > 0 ? { directory: path.slice(0, cut) } : {}) };
}

/** The last part of a Windows path (`C:\Windows\System32\cmd.exe` → `cmd.exe`). */
export function windowsBaseName(path: string): string {
  return windowsFileFields(path).name ?? path;
}
