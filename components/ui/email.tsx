import { Fragment } from "react";

/**
 * An email address that wraps where a reader expects on a narrow screen: after the "@"
 * and the dots, not in the middle of a word (and anywhere only as a last resort).
 */
export function Email({ address, className }: { address: string; className?: string }) {
  const parts = address.split(/(?<=[@.])/);
  return (
    <span className={`[overflow-wrap:anywhere] ${className ?? ""}`}>
      {parts.map((part, index) => (
        <Fragment key={index}>
          {index > 0 ? <wbr /> : null}
          {part}
        </Fragment>
      ))}
    </span>
  );
}
