import type { ApiKeyGrant, ApiKeyRecord, Seller, SellerRepository } from '../../../domain/ports.js';

/** The seller repository in memory: profiles by id, API key records by key id. */
export class InMemorySellerRepository implements SellerRepository {
  private readonly sellers = new Map<string, Seller>();
  private readonly keys = new Map<string, ApiKeyRecord>();

  constructor(sellers: Seller[] = []) {
    for (const seller of sellers) this.sellers.set(seller.sellerId, structuredClone(seller));
  }

  async get(sellerId: string): Promise<Seller | undefined> {
    const seller = this.sellers.get(sellerId);
    return seller && structuredClone(seller);
  }

  async put(seller: Seller): Promise<void> {
    this.sellers.set(seller.sellerId, structuredClone(seller));
  }

  async listSellers(): Promise<Seller[]> {
    return [...this.sellers.values()]
      .sort((a, b) => a.sellerId.localeCompare(b.sellerId))
      .map((s) => structuredClone(s));
  }

  /** The key with its seller's current status, as the table's copy of it reads. */
  async getApiKey(keyId: string): Promise<ApiKeyGrant | undefined> {
    const key = this.keys.get(keyId);
    const seller = key && this.sellers.get(key.sellerId);
    return key && { ...structuredClone(key), sellerStatus: seller?.status ?? 'SUSPENDED' };
  }

  async putApiKey(key: ApiKeyRecord): Promise<void> {
    this.keys.set(key.keyId, structuredClone(key));
  }

  async listApiKeys(sellerId: string): Promise<ApiKeyRecord[]> {
    return [...this.keys.values()]
      .filter((k) => k.sellerId === sellerId)
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt))
      .map((k) => structuredClone(k));
  }
}
