import nodemailer, { type Transporter } from "nodemailer";
import { env } from "@/lib/config/env";
import { db } from "@/lib/db/client";
import { componentLogger } from "@/lib/observability/logger";

const log = componentLogger("mail");

export interface Mail {
  to: string;
  subject: string;
  text: string;
  html?: string;
  /**
   * Secrets in the message (an invitation link's token). With SMTP the stored copy has
   * them replaced, so the database never holds a usable token; without SMTP the stored
   * copy is the delivery (the development outbox) and keeps them.
   */
  secrets?: string[];
}

let transport: Transporter | undefined;

function redact(value: string, secrets: string[]): string {
  return secrets.reduce((out, secret) => (secret ? out.split(secret).join("[redacted]") : out), value);
}

/**
 * Stores every email in OutboundEmail and, when SMTP_URL is set, delivers it (sentAt then
 * records the delivery, error the failure); without it the stored row is the development
 * outbox. Delivery failures are recorded, not thrown: the caller's change has already
 * happened and the user can resend.
 */
export async function sendMail(mail: Mail): Promise<{ id: string; delivery: "sent" | "failed" | "outbox" }> {
  const { SMTP_URL, MAIL_FROM } = env();
  const secrets = SMTP_URL ? (mail.secrets ?? []) : [];
  const stored = await db().outboundEmail.create({
    data: {
      to: mail.to,
      subject: mail.subject,
      text: redact(mail.text, secrets),
      html: mail.html === undefined ? null : redact(mail.html, secrets),
    },
    select: { id: true },
  });
  if (!SMTP_URL) return { id: stored.id, delivery: "outbox" };

  try {
    transport ??= nodemailer.createTransport(SMTP_URL);
    await transport.sendMail({ from: MAIL_FROM, to: mail.to, subject: mail.subject, text: mail.text, html: mail.html });
    await db().outboundEmail.update({ where: { id: stored.id }, data: { sentAt: new Date() } });
    return { id: stored.id, delivery: "sent" };
  } catch (error) {
    log.error({ err: error, emailId: stored.id }, "mail delivery failed");
    const message = error instanceof Error ? error.message : String(error);
    await db().outboundEmail.update({ where: { id: stored.id }, data: { error: message.slice(0, 500) } });
    return { id: stored.id, delivery: "failed" };
  }
}
