import type { IntegrationProvider } from '../../../domain/integrations.js';
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

  async put(connection: IntegrationConnection): Promise<void> {
    this.connections.set(`${connection.sellerId}#${connection.provider}`, structuredClone(connection));
  }

  async delete(sellerId: string, provider: IntegrationProvider): Promise<boolean> {
    return this.connections.delete(`${sellerId}#${provider}`);
  }
}
