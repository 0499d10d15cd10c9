"use client";

import type { RuntimeEvent, RuntimeSummary } from "@/lib/runtimes/list-runtimes";
import type { RuntimeDetails } from "@/lib/runtimes/runtime-details";
import { formatCpu, formatMemory } from "@/lib/runtimes/format-quantity";
import { useRuntime } from "@/components/runtimes/runtime-queries";
import { SectionCard } from "@/components/ui/card";
import { DateTime } from "@/components/ui/date-time";

// A runtime's pods, configuration and recent events, kept live from the same query as the
// top of the page (runtime-detail.tsx). Nothing here is interactive, so the page loads it
// after it is interactive (runtime-cards.tsx); the server renders it into the HTML.

function Detail({ term, children }: { term: string; children: React.ReactNode }) {
  return (
    <div className="flex min-w-0 flex-col gap-0.5">
      <dt className="text-xs text-slate-500">{term}</dt>
      <dd className="min-w-0 text-sm break-words text-slate-900">{children}</dd>
    </div>
  );
}

function PodsTable({ runtime }: { runtime: RuntimeSummary }) {
  if (runtime.pods.length === 0) {
    return (
      <p className="text-sm text-slate-600">
        {runtime.desired === 0 ? "Stopped: no pods are running." : "No pods yet; they appear as they are scheduled."}
      </p>
    );
  }
  return (
    // Focusable, so a keyboard can scroll the table on a narrow screen.
    <div className="-mx-4 overflow-x-auto sm:mx-0" tabIndex={0}>
      <table className="w-full min-w-[36rem] text-sm">
        <caption className="sr-only">Pods of {runtime.name}</caption>
        <thead>
          <tr className="border-b border-slate-200 text-left text-xs text-slate-500">
            <th scope="col" className="py-2 pr-3 pl-4 font-medium sm:pl-0">
              Name
            </th>
            <th scope="col" className="py-2 pr-3 font-medium">
              Phase
            </th>
            <th scope="col" className="py-2 pr-3 font-medium">
              Ready
            </th>
            <th scope="col" className="py-2 pr-3 text-right font-medium">
              Restarts
            </th>
            <th scope="col" className="py-2 pr-3 font-medium">
              Node
            </th>
            <th scope="col" className="py-2 pr-4 font-medium sm:pr-0">
              Reason
            </th>
          </tr>
        </thead>
        <tbody>
          {runtime.pods.map((pod) => (
            <tr key={pod.name} className="border-b border-slate-100 last:border-0">
              <th scope="row" className="py-2 pr-3 pl-4 text-left font-mono text-xs font-normal sm:pl-0">
                {pod.name}
              </th>
              <td className="py-2 pr-3">{pod.phase}</td>
              <td className="py-2 pr-3">{pod.ready ? "Yes" : "No"}</td>
              <td className={`py-2 pr-3 text-right tabular-nums ${pod.restarts ? "text-amber-700" : ""}`}>
                {pod.restarts}
              </td>
              <td className="py-2 pr-3 font-mono text-xs">{pod.node ?? "—"}</td>
              <td className={`py-2 pr-4 sm:pr-0 ${pod.reason || pod.lastExit ? "text-red-700" : "text-slate-400"}`}>
                {pod.reason || pod.lastExit ? (
                  <>
                    {pod.reason && <span className="font-medium">{pod.reason}</span>}
                    {pod.lastExit && <span className="block text-xs">Last run ended: {pod.lastExit}</span>}
                    {pod.message && <span className="block text-xs break-all text-slate-600">{pod.message}</span>}
                  </>
                ) : (
                  "—"
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Events({ events }: { events: RuntimeEvent[] }) {
  if (events.length === 0) return <p className="text-sm text-slate-600">No recent events.</p>;
  return (
    <ol className="flex flex-col divide-y divide-slate-100">
      {events.map((event, index) => (
        <li key={`${event.object}-${event.reason}-${event.at}-${index}`} className="flex flex-col gap-0.5 py-2">
          <div className="flex flex-wrap items-center gap-x-2 text-xs text-slate-500">
            <span
              className={`rounded px-1.5 py-0.5 font-medium ${
                event.type === "Warning" ? "bg-amber-50 text-amber-800" : "bg-slate-100 text-slate-700"
              }`}
            >
              {event.reason || event.type}
            </span>
            <span className="font-mono break-all">{event.object}</span>
            {event.at ? <DateTime at={event.at} /> : null}
            {event.count > 1 ? <span>×{event.count}</span> : null}
          </div>
          <p className="text-sm break-words text-slate-800">{event.message}</p>
        </li>
      ))}
    </ol>
  );
}

function Configuration({ runtime }: { runtime: RuntimeSummary }) {
  return (
    <dl className="grid grid-cols-1 gap-x-6 gap-y-4 sm:grid-cols-2">
      <Detail term="Image">
        <span className="font-mono break-all">{runtime.image}</span>
      </Detail>
      <Detail term="Resources per replica">
        {formatCpu(runtime.cpuMillis)} · {formatMemory(runtime.memoryMiB)}
      </Detail>
      <Detail term="Replicas">
        {runtime.desired}
        {runtime.desired === 0 && runtime.stoppedReplicas ? ` (stopped; starts with ${runtime.stoppedReplicas})` : ""}
      </Detail>
      <Detail term="Runtime class">{runtime.runtimeClass}</Detail>
      {runtime.command.length ? (
        <Detail term="Command">
          <code className="font-mono text-xs break-all">{runtime.command.join(" ")}</code>
        </Detail>
      ) : null}
      {runtime.args.length ? (
        <Detail term="Arguments">
          <code className="font-mono text-xs break-all">{runtime.args.join(" ")}</code>
        </Detail>
      ) : null}
      <Detail term="Ports">{runtime.ports.length ? runtime.ports.join(", ") : "None"}</Detail>
      <Detail term="Public address">
        {runtime.host ? (
          <a
            href={`https://${runtime.host}`}
            target="_blank"
            rel="noreferrer"
            className="text-brand-700 break-all hover:underline"
          >
            https://{runtime.host}
          </a>
        ) : (
          "None"
        )}
      </Detail>
      <Detail term="Environment variables">
        {runtime.env.length ? (
          <ul className="flex flex-col gap-0.5">
            {runtime.env.map((variable) => (
              <li key={variable.name} className="font-mono text-xs break-all">
                {variable.name}
                {variable.secret ? (
                  <span className="ml-1 font-sans text-slate-500">(secret, value hidden)</span>
                ) : (
                  <span className="text-slate-600">={variable.value}</span>
                )}
              </li>
            ))}
          </ul>
        ) : (
          "None"
        )}
      </Detail>
      <Detail term="Volumes">
        {runtime.volumes.length ? (
          <ul className="flex flex-col gap-0.5">
            {runtime.volumes.map((volume) => (
              <li key={volume.mountPath} className="font-mono text-xs break-all">
                {volume.claimName} → {volume.mountPath}
              </li>
            ))}
          </ul>
        ) : (
          "None"
        )}
      </Detail>
      {runtime.createdAt ? (
        <Detail term="Created">
          <DateTime at={runtime.createdAt} />
        </Detail>
      ) : null}
    </dl>
  );
}

export function RuntimeSections({ slug, name, initial }: { slug: string; name: string; initial: RuntimeDetails }) {
  const { runtime, events } = useRuntime(slug, name, initial).data;
  return (
    <>
      <SectionCard level={3} id="pods-heading" title="Pods">
        <PodsTable runtime={runtime} />
      </SectionCard>
      <div className="grid grid-cols-1 gap-6 xl:grid-cols-2">
        <SectionCard level={3} id="config-heading" title="Configuration">
          <Configuration runtime={runtime} />
        </SectionCard>
        <SectionCard level={3} id="events-heading" title="Recent events">
          <Events events={events} />
        </SectionCard>
      </div>
    </>
  );
}
