import { createServer, type Server } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { devOutboxEnabled, listDevOutbox } from "@/lib/mail/list-outbox";
import { sendMail } from "@/lib/mail/send-mail";
import { acceptInvitation } from "@/lib/invitations/accept-invitation";
import { inviteMember } from "@/lib/invitations/invite-member";
import { createUser, teamWorkspace } from "../../support/factories";
import { tokenOf } from "./support";

// With SMTP_URL set, mail goes to an SMTP server: here a minimal one on loopback that
// records what it receives. Configuration is read once per test file, so this file sets
// SMTP_URL before anything reads it.

interface Received {
  recipients: string[];
  data: string;
}

function fakeSmtpServer(received: Received[]): Server {
  return createServer((socket) => {
    let buffer = "";
    let inData = false;
    let current: Received = { recipients: [], data: "" };
    socket.write("220 fake.test ESMTP\r\n");
    socket.on("data", (chunk) => {
      buffer += chunk.toString("utf8");
      for (;;) {
        if (inData) {
          const end = buffer.indexOf("\r\n.\r\n");
          if (end < 0) return;
          received.push({ ...current, data: buffer.slice(0, end) });
          current = { recipients: [], data: "" };
          buffer = buffer.slice(end + 5);
          inData = false;
          socket.write("250 queued\r\n");
          continue;
        }
        const newline = buffer.indexOf("\r\n");
        if (newline < 0) return;
        const line = buffer.slice(0, newline);
        buffer = buffer.slice(newline + 2);
        const verb = line.slice(0, 4).toUpperCase();
        if (verb === "EHLO" || verb === "HELO") socket.write("250-fake.test\r\n250 8BITMIME\r\n");
        else if (verb === "RCPT") {
          current.recipients.push(line.replace(/^RCPT TO:\s*/i, ""));
          socket.write("250 ok\r\n");
        } else if (verb === "DATA") {
          inData = true;
          socket.write("354 go ahead\r\n");
        } else if (verb === "QUIT") {
          socket.end("221 bye\r\n");
          return;
        } else socket.write("250 ok\r\n"); // MAIL, RSET, NOOP
      }
    });
  });
}

const received: Received[] = [];
const server = fakeSmtpServer(received);

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  if (!address || typeof address === "string") throw new Error("no port");
  process.env.SMTP_URL = `smtp://127.0.0.1:${address.port}`;
});

afterAll(() => {
  server.close();
  delete process.env.SMTP_URL;
});

/** Undoes quoted-printable soft line breaks, so a long link can be searched for. */
const unfold = (data: string) => data.replace(/=\r\n/g, "");

describe("mail with SMTP configured", () => {
  it("delivers the invitation, records sentAt, and stores a copy without the token", async () => {
    expect(devOutboxEnabled()).toBe(false);
    const { context } = await teamWorkspace({ permission: "member.invite" });
    const invitee = await createUser("Mailed");
    const issued = await inviteMember(context, { email: invitee.email!, role: "DEVELOPER" });
    expect(issued.delivery).toBe("sent");
    const token = tokenOf(issued.link);

    const delivered = received.find((m) => m.recipients.some((r) => r.includes(invitee.email!)));
    expect(delivered).toBeDefined();
    expect(unfold(delivered!.data)).toContain(issued.link);

    const stored = await db().outboundEmail.findFirstOrThrow({ where: { to: invitee.email! } });
    expect(stored.sentAt).not.toBeNull();
    expect(stored.error).toBeNull();
    expect(stored.text).not.toContain(token);
    expect(stored.html ?? "").not.toContain(token);
    expect(stored.text).toContain("[redacted]");

    // The development outbox does not exist where mail is really delivered.
    await expect(listDevOutbox(invitee.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    // The link that went out by mail works.
    await acceptInvitation({ userId: invitee.id }, { token });
  });

  it("records a failed delivery instead of failing the caller", async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    const to = `nobody.${Date.now()}@example.test`;
    const result = await sendMail({ to, subject: "Hello", text: "secret-value", secrets: ["secret-value"] });
    expect(result.delivery).toBe("failed");
    const stored = await db().outboundEmail.findUniqueOrThrow({ where: { id: result.id } });
    expect(stored).toMatchObject({ to, sentAt: null, text: "[redacted]" });
    expect(stored.error).toBeTruthy();
  });
});
