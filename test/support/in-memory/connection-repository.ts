import { accountTakenError, type IntegrationProvider } from '../../../domain/integrations.js';
import type {
  ConnectionDescription,
  ConnectionRepository,
  IntegrationConnection,
} from '../../../domain/ports.js';

/** Sellers' connections in memory, by seller and provider; nothing is sealed (there is no table to read). */
export class InMemoryConnectionRepository implements ConnectionRepository {
  private readonly connections = new Map<string, IntegrationConnection>();

  async get(sellerId: string, provider: IntegrationProvider): Promise<IntegrationConnection | undefined> {
    const connection = this.connections.get(`${sellerId}#${provider}`);
    return connection && structuredClone(connection);
  }

  async describe(
    sellerId: string,
    provider: IntegrationProvider,
  ): Promise<ConnectionDescription | undefined> {
    const connection = await this.get(sellerId, provider);
    if (!connection) return undefined;
    const { secrets: _secrets, ...description } = connection;
    return description;
  }

  async getById(
    provider: IntegrationProvider,
    connectionId: string,
  ): Promise<IntegrationConnection | undefined> {
    const found = [...this.connections.values()].find(
      (c) => c.provider === provider && c.connectionId === connectionId,
    );
    return found && structuredClone(found);
  }

  async getByAccount(
    provider: IntegrationProvider,
    accountId: string,
  ): Promise<ConnectionDescription | undefined> {
    const found = [...this.connections.values()].find(
      (c) => c.provider === provider && c.settings.accountId === accountId,
    );
    return found && (await this.describe(found.sellerId, provider));
  }

  async put(connection: IntegrationConnection): Promise<void> {
    const account = connection.settings.accountId;
    const holder =
      typeof account === 'string' ? await this.getByAccount(connection.provider, account) : undefined;
    if (holder && holder.sellerId !== connection.sellerId) {
      throw accountTakenError();
    }
    this.connections.set(`${connection.sellerId}#${connection.provider}`, structuredClone(connection));
  }

  async delete(sellerId: string, provider: IntegrationProvider): Promise<boolean> {
    return this.connections.delete(`${sellerId}#${provider}`);
  }
}
