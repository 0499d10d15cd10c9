"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { userAction } from "@/lib/actions/action";
import { endOtherSessions } from "@/lib/account/end-other-sessions";
import { currentSessionToken } from "@/lib/auth/session";

export const endOtherSessionsAction = userAction("account.end-other-sessions", z.object({}), async (actor) => {
  const ended = await endOtherSessions(actor, await currentSessionToken());
  revalidatePath("/account");
  return { ended };
});
