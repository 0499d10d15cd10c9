// A stored email's plain text with its http(s) links made clickable. Only the text part is
// shown: rendering stored HTML would be an injection risk.
export function OutboxMessageText({ text }: { text: string }) {
  const parts = text.split(/(https?:\/\/[^\s<>"]+)/g);
  return (
    <p className="break-words whitespace-pre-wrap text-slate-800">
      {parts.map((part, index) =>
        index % 2 === 1 ? (
          <a key={index} href={part} className="text-brand-700 underline">
            {part}
          </a>
        ) : (
          part
        ),
      )}
    </p>
  );
}
