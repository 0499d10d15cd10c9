import { db } from "@/lib/db/client";

export interface NamespaceWorkspace {
  id: string;
  slug: string;
  displayName: string;
}

/**
 * The live workspaces of this installation owning `namespaces`, by namespace name. A
 * namespace of another installation (or of a deleted workspace) is simply absent.
 */
export async function workspacesByNamespace(namespaces: string[]): Promise<Map<string, NamespaceWorkspace>> {
  if (namespaces.length === 0) return new Map();
  const rows = await db().workspaceNamespace.findMany({
    where: { name: { in: [...new Set(namespaces)] }, workspace: { deletedAt: null } },
    select: { name: true, workspace: { select: { id: true, slug: true, displayName: true } } },
  });
  return new Map(rows.map((row) => [row.name, row.workspace]));
}
