import type { ReferenceOperation } from "@/lib/api/reference";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { Table, TableHead, Td, Th } from "@/components/ui/table";

// The REST API's reference, from its OpenAPI document: one card per operation.

const METHOD_TONES: Record<string, BadgeTone> = { GET: "info", POST: "success", PATCH: "warning", DELETE: "danger" };

function Operation({ operation }: { operation: ReferenceOperation }) {
  return (
    <article
      id={operation.id}
      aria-labelledby={`${operation.id}-title`}
      className="flex flex-col gap-3 rounded-xl border border-slate-200 bg-white p-4"
    >
      <h3 id={`${operation.id}-title`} className="flex flex-wrap items-center gap-2 text-sm">
        <Badge tone={METHOD_TONES[operation.method] ?? "neutral"}>{operation.method}</Badge>
        <code className="break-all">/api/v1{operation.path}</code>
      </h3>
      <p className="text-sm text-slate-800">{operation.summary}</p>
      <p className="text-xs text-slate-600">{operation.description.replaceAll("`", "")}</p>
      {operation.fields.length > 0 ? (
        <Table>
          <TableHead className="text-xs uppercase">
            <tr>
              <Th>Field</Th>
              <Th>In</Th>
              <Th>Type</Th>
            </tr>
          </TableHead>
          <tbody>
            {operation.fields.map((field) => (
              <tr key={`${field.where}-${field.name}`} className="border-b border-slate-100 last:border-0">
                <Td>
                  <code>{field.name}</code>
                  {field.required ? <span className="ml-1 text-xs text-slate-500">required</span> : null}
                </Td>
                <Td>{field.where}</Td>
                <Td className="break-all">
                  <code className="text-xs">{field.type}</code>
                </Td>
              </tr>
            ))}
          </tbody>
        </Table>
      ) : null}
      <p className="text-xs text-slate-600">
        Answers <code>{operation.status}</code> with <code>{operation.answer}</code>; errors as{" "}
        <code>{"{ error: { code, message, field? } }"}</code>.
      </p>
    </article>
  );
}

export function ApiReference({ documentUrl, operations }: { documentUrl: string; operations: ReferenceOperation[] }) {
  const tags = [...new Set(operations.map((o) => o.tag))];
  return (
    <div className="flex flex-col gap-8">
      <section aria-labelledby="basics-heading" className="flex flex-col gap-2 text-sm text-slate-700">
        <h2 id="basics-heading" className="text-lg font-semibold text-slate-900">
          Basics
        </h2>
        <ul className="list-disc space-y-1 pl-5">
          <li>
            Authenticate with a personal access token from the workspace&apos;s settings:{" "}
            <code>Authorization: Bearer cnp_…</code>. Browser sessions do not work here.
          </li>
          <li>
            Lists take <code>limit</code> (1–100) and <code>cursor</code>; pass the answer&apos;s{" "}
            <code>nextCursor</code> for the next page.
          </li>
          <li>
            Creates accept an <code>Idempotency-Key</code> header: a retry with the same key returns the first answer.
          </li>
          <li>
            Each token has a rate limit; past it the answer is <code>429</code> with <code>Retry-After</code>.
          </li>
          <li>
            The machine-readable document (OpenAPI 3.1):{" "}
            <a className="text-brand-700 break-all underline" href={documentUrl}>
              {documentUrl}
            </a>
          </li>
        </ul>
      </section>
      {tags.map((tag) => (
        <section key={tag} aria-labelledby={`tag-${tag}`} className="flex flex-col gap-3">
          <h2 id={`tag-${tag}`} className="text-lg font-semibold">
            {tag}
          </h2>
          {operations
            .filter((o) => o.tag === tag)
            .map((operation) => (
              <Operation key={operation.id} operation={operation} />
            ))}
        </section>
      ))}
    </div>
  );
}
