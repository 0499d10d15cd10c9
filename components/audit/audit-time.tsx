// Times in UTC, spelled out, so that the log reads the same for everyone who shares a link.
const format = new Intl.DateTimeFormat("en-GB", {
  dateStyle: "medium",
  timeStyle: "medium",
  timeZone: "UTC",
});

export function AuditTime({ at, className }: { at: Date; className?: string }) {
  return (
    <time dateTime={at.toISOString()} className={className}>
      {format.format(at)} UTC
    </time>
  );
}
