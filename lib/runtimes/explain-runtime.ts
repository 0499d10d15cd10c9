import type { RuntimeEvent, RuntimePod } from "@/lib/runtimes/list-runtimes";

// Why a runtime is not ready, in plain words, with the Kubernetes reason beside them: what
// a pod's status says (image pulls, crashes, out-of-memory kills, no room on any node) and
// what its ReplicaSet's events say when no pod could even be made (quota, admission).

export interface RuntimeProblem {
  /** The Kubernetes reason the words explain (ImagePullBackOff, OOMKilled, FailedCreate, ...). */
  reason: string;
  words: string;
  /** The Kubernetes message, as it came. */
  detail: string | null;
}

function podProblem(pod: RuntimePod): RuntimeProblem | null {
  const detail = pod.message;
  if (pod.lastExit?.startsWith("OOMKilled")) {
    return {
      reason: "OOMKilled",
      words: "The container used more memory than its limit and was stopped. Give it more memory, or make it use less.",
      detail: pod.reason ? `${pod.reason}: last run ended ${pod.lastExit}` : `Last run ended ${pod.lastExit}`,
    };
  }
  switch (pod.reason) {
    case "ImagePullBackOff":
    case "ErrImagePull":
      return {
        reason: pod.reason,
        words:
          "The image could not be pulled. Check the image name and tag, and that its registry lets this cluster pull it.",
        detail,
      };
    case "InvalidImageName":
      return { reason: pod.reason, words: "The image reference is not valid.", detail };
    case "CrashLoopBackOff":
      return {
        reason: pod.reason,
        words: `The container keeps stopping${pod.lastExit ? ` (${pod.lastExit})` : ""}; it is restarted after a growing pause. Its logs say why.`,
        detail,
      };
    case "CreateContainerConfigError":
      return {
        reason: pod.reason,
        words: "The container's configuration names something that is missing, such as a Secret.",
        detail,
      };
    case "Unschedulable":
      return { reason: pod.reason, words: unschedulableWords(detail ?? ""), detail };
    default:
      return null;
  }
}

function unschedulableWords(message: string): string {
  if (/Insufficient (cpu|memory)/.test(message)) {
    return "No node has room for its CPU or memory request right now. It starts when room frees up; a smaller request starts sooner.";
  }
  if (/node selector|node affinity|untolerated taint/.test(message)) {
    return "No node offers what it asks for, such as its runtime class. Choose another runtime class.";
  }
  return "No node can run it right now.";
}

function eventProblem(event: RuntimeEvent): RuntimeProblem | null {
  if (event.type !== "Warning" || event.reason !== "FailedCreate") return null;
  if (/exceeded quota/.test(event.message)) {
    return {
      reason: "FailedCreate",
      words: "The workspace's quota has no room for another pod of this size. Free some quota, or ask for more.",
      detail: event.message,
    };
  }
  return { reason: "FailedCreate", words: "The cluster refused to create its pod.", detail: event.message };
}

/** One entry per distinct problem, pods first, then what the events add. */
export function explainRuntime(pods: RuntimePod[], events: RuntimeEvent[]): RuntimeProblem[] {
  const problems = [...pods.map(podProblem), ...events.map(eventProblem)].filter(
    (p): p is RuntimeProblem => p !== null,
  );
  const seen = new Set<string>();
  return problems.filter((problem) => {
    const key = `${problem.reason}|${problem.words}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
