import type { Client } from '@temporalio/client';
import type { Config } from '../../platform/config';
import type { Logger } from '../../platform/logger';
import type { TaskStore } from '../../platform/task-store/task-store';
import type { TokenService } from './auth/tokens';
import type { UserDirectory } from '../../platform/users';

/** An authenticated user as the routes see it. */
export interface ApiUser {
  username: string;
  displayName: string;
  roles: string[];
}

/** What every route needs: Temporal (the truth), the task store (the read model), users and sessions. */
export interface ApiDeps {
  config: Config;
  client: Client;
  store: TaskStore;
  logger: Logger;
  users: UserDirectory;
  tokens: TokenService;
  /** Where launched processes run; the `main` queue unless a test gives its own. */
  taskQueue: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    user: ApiUser | null;
  }
}

import type {
  FastifyInstance,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
} from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';

export type ApiApp = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  Logger,
  ZodTypeProvider
>;
