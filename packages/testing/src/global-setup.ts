// Vitest global setup: finds or starts PostgreSQL and NATS once per run and
// hands their URLs to every test file through `inject`.
import type { TestProject } from "vitest/node";
import { provideInfrastructure } from "./infrastructure.ts";

declare module "vitest" {
  export interface ProvidedContext {
    postgresAdminUrl: string;
    natsUrl: string;
  }
}

export default async function setup(project: TestProject) {
  const infrastructure = await provideInfrastructure();
  process.stdout.write(
    `test infrastructure: ${infrastructure.origin.postgres}; ${infrastructure.origin.nats}\n`,
  );
  project.provide("postgresAdminUrl", infrastructure.postgresAdminUrl);
  project.provide("natsUrl", infrastructure.natsUrl);
  return () => infrastructure.stop();
}
