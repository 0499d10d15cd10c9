import { describe, expect, it } from "vitest";
import {
  environmentOf,
  environmentParam,
  switchedHref,
  withEnvironment,
  workspaceApiHref,
  workspaceHref,
} from "@/lib/environments/environment-param";

describe("environment URLs", () => {
  it("puts a non-default environment in the query and leaves the default one's URLs as they were", () => {
    expect(workspaceHref("acme", "/runtimes", "prod")).toBe("/w/acme/runtimes?env=prod");
    expect(workspaceHref("acme", "/runtimes", "default")).toBe("/w/acme/runtimes");
    expect(workspaceHref("acme", "", undefined)).toBe("/w/acme");
    expect(workspaceApiHref("acme", "/runtimes?name=web", "dev")).toBe("/api/w/acme/runtimes?name=web&env=dev");
  });

  it("keeps the other query parameters and the fragment, and replaces an environment already there", () => {
    expect(withEnvironment("/w/acme/volumes?created=data#top", "dev")).toBe("/w/acme/volumes?created=data&env=dev#top");
    expect(withEnvironment("/w/acme/runtimes?env=dev&x=1", "prod")).toBe("/w/acme/runtimes?x=1&env=prod");
    expect(withEnvironment("/w/acme/runtimes?env=dev", "default")).toBe("/w/acme/runtimes");
  });

  it("reads the environment back from a URL and from a page's searchParams", () => {
    expect(environmentOf(workspaceHref("acme", "/runtimes", "prod"))).toBe("prod");
    expect(environmentOf("/w/acme/runtimes")).toBe("default");
    expect(environmentParam({ env: " Prod " })).toBe("prod");
    expect(environmentParam({ env: ["dev", "prod"] })).toBe("dev");
    expect(environmentParam({})).toBe("default");
    expect(environmentParam(undefined)).toBe("default");
  });

  it("switches to the same page, or from one runtime's or volume's page to its list", () => {
    expect(switchedHref("/w/acme/billing/usage", "prod")).toBe("/w/acme/billing/usage?env=prod");
    expect(switchedHref("/w/acme/runtimes/web/logs", "prod")).toBe("/w/acme/runtimes?env=prod");
    expect(switchedHref("/w/acme/runtimes/new", "dev")).toBe("/w/acme/runtimes/new?env=dev");
    expect(switchedHref("/w/acme/runtimes", "default")).toBe("/w/acme/runtimes");
    expect(switchedHref("/w/acme", "dev")).toBe("/w/acme?env=dev");
  });
});
