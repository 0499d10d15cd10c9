// Where the workspace switcher lives once workspaces exist (the workspaces issue).
export function WorkspaceSwitcherSlot() {
  return (
    <div data-testid="workspace-switcher" className="truncate text-sm text-slate-500">
      No workspace yet
    </div>
  );
}
