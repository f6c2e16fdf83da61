import type * as grpc from '@grpc/grpc-js';
import type { MessageTypeDefinition } from '@grpc/proto-loader';

import type { CompanyUsage as _simhub_usage_v1_CompanyUsage, CompanyUsage__Output as _simhub_usage_v1_CompanyUsage__Output } from './simhub/usage/v1/CompanyUsage.ts';
import type { DayUsage as _simhub_usage_v1_DayUsage, DayUsage__Output as _simhub_usage_v1_DayUsage__Output } from './simhub/usage/v1/DayUsage.ts';
import type { GetCompanyUsageRequest as _simhub_usage_v1_GetCompanyUsageRequest, GetCompanyUsageRequest__Output as _simhub_usage_v1_GetCompanyUsageRequest__Output } from './simhub/usage/v1/GetCompanyUsageRequest.ts';
import type { GetSimUsageRequest as _simhub_usage_v1_GetSimUsageRequest, GetSimUsageRequest__Output as _simhub_usage_v1_GetSimUsageRequest__Output } from './simhub/usage/v1/GetSimUsageRequest.ts';
import type { IngestUsageChunk as _simhub_usage_v1_IngestUsageChunk, IngestUsageChunk__Output as _simhub_usage_v1_IngestUsageChunk__Output } from './simhub/usage/v1/IngestUsageChunk.ts';
import type { IngestUsageResponse as _simhub_usage_v1_IngestUsageResponse, IngestUsageResponse__Output as _simhub_usage_v1_IngestUsageResponse__Output } from './simhub/usage/v1/IngestUsageResponse.ts';
import type { RejectedRecord as _simhub_usage_v1_RejectedRecord, RejectedRecord__Output as _simhub_usage_v1_RejectedRecord__Output } from './simhub/usage/v1/RejectedRecord.ts';
import type { SimUsage as _simhub_usage_v1_SimUsage, SimUsage__Output as _simhub_usage_v1_SimUsage__Output } from './simhub/usage/v1/SimUsage.ts';
import type { UsageServiceClient as _simhub_usage_v1_UsageServiceClient, UsageServiceDefinition as _simhub_usage_v1_UsageServiceDefinition } from './simhub/usage/v1/UsageService.ts';
import type { UsageTotals as _simhub_usage_v1_UsageTotals, UsageTotals__Output as _simhub_usage_v1_UsageTotals__Output } from './simhub/usage/v1/UsageTotals.ts';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  simhub: {
    usage: {
      v1: {
        CompanyUsage: MessageTypeDefinition<_simhub_usage_v1_CompanyUsage, _simhub_usage_v1_CompanyUsage__Output>
        DayUsage: MessageTypeDefinition<_simhub_usage_v1_DayUsage, _simhub_usage_v1_DayUsage__Output>
        GetCompanyUsageRequest: MessageTypeDefinition<_simhub_usage_v1_GetCompanyUsageRequest, _simhub_usage_v1_GetCompanyUsageRequest__Output>
        GetSimUsageRequest: MessageTypeDefinition<_simhub_usage_v1_GetSimUsageRequest, _simhub_usage_v1_GetSimUsageRequest__Output>
        IngestUsageChunk: MessageTypeDefinition<_simhub_usage_v1_IngestUsageChunk, _simhub_usage_v1_IngestUsageChunk__Output>
        IngestUsageResponse: MessageTypeDefinition<_simhub_usage_v1_IngestUsageResponse, _simhub_usage_v1_IngestUsageResponse__Output>
        RejectedRecord: MessageTypeDefinition<_simhub_usage_v1_RejectedRecord, _simhub_usage_v1_RejectedRecord__Output>
        SimUsage: MessageTypeDefinition<_simhub_usage_v1_SimUsage, _simhub_usage_v1_SimUsage__Output>
        UsageService: SubtypeConstructor<typeof grpc.Client, _simhub_usage_v1_UsageServiceClient> & { service: _simhub_usage_v1_UsageServiceDefinition }
        UsageTotals: MessageTypeDefinition<_simhub_usage_v1_UsageTotals, _simhub_usage_v1_UsageTotals__Output>
      }
    }
  }
}

