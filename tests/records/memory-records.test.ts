import { MemoryRecordStore } from '../../adapters/records/memory-records.ts';
import { recordStoreContract } from './record-store-contract.ts';

recordStoreContract('memory', { fresh: async () => new MemoryRecordStore() });
