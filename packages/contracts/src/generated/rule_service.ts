import type * as grpc from '@grpc/grpc-js';
import type { MessageTypeDefinition } from '@grpc/proto-loader';

import type { CreateRuleRequest as _simhub_rule_v1_CreateRuleRequest, CreateRuleRequest__Output as _simhub_rule_v1_CreateRuleRequest__Output } from './simhub/rule/v1/CreateRuleRequest.ts';
import type { DeleteRuleRequest as _simhub_rule_v1_DeleteRuleRequest, DeleteRuleRequest__Output as _simhub_rule_v1_DeleteRuleRequest__Output } from './simhub/rule/v1/DeleteRuleRequest.ts';
import type { DeleteRuleResponse as _simhub_rule_v1_DeleteRuleResponse, DeleteRuleResponse__Output as _simhub_rule_v1_DeleteRuleResponse__Output } from './simhub/rule/v1/DeleteRuleResponse.ts';
import type { GetRuleRequest as _simhub_rule_v1_GetRuleRequest, GetRuleRequest__Output as _simhub_rule_v1_GetRuleRequest__Output } from './simhub/rule/v1/GetRuleRequest.ts';
import type { ListRuleLogsRequest as _simhub_rule_v1_ListRuleLogsRequest, ListRuleLogsRequest__Output as _simhub_rule_v1_ListRuleLogsRequest__Output } from './simhub/rule/v1/ListRuleLogsRequest.ts';
import type { ListRuleLogsResponse as _simhub_rule_v1_ListRuleLogsResponse, ListRuleLogsResponse__Output as _simhub_rule_v1_ListRuleLogsResponse__Output } from './simhub/rule/v1/ListRuleLogsResponse.ts';
import type { ListRulesRequest as _simhub_rule_v1_ListRulesRequest, ListRulesRequest__Output as _simhub_rule_v1_ListRulesRequest__Output } from './simhub/rule/v1/ListRulesRequest.ts';
import type { ListRulesResponse as _simhub_rule_v1_ListRulesResponse, ListRulesResponse__Output as _simhub_rule_v1_ListRulesResponse__Output } from './simhub/rule/v1/ListRulesResponse.ts';
import type { Rule as _simhub_rule_v1_Rule, Rule__Output as _simhub_rule_v1_Rule__Output } from './simhub/rule/v1/Rule.ts';
import type { RuleLog as _simhub_rule_v1_RuleLog, RuleLog__Output as _simhub_rule_v1_RuleLog__Output } from './simhub/rule/v1/RuleLog.ts';
import type { RuleLogAction as _simhub_rule_v1_RuleLogAction, RuleLogAction__Output as _simhub_rule_v1_RuleLogAction__Output } from './simhub/rule/v1/RuleLogAction.ts';
import type { RuleServiceClient as _simhub_rule_v1_RuleServiceClient, RuleServiceDefinition as _simhub_rule_v1_RuleServiceDefinition } from './simhub/rule/v1/RuleService.ts';
import type { UpdateRuleRequest as _simhub_rule_v1_UpdateRuleRequest, UpdateRuleRequest__Output as _simhub_rule_v1_UpdateRuleRequest__Output } from './simhub/rule/v1/UpdateRuleRequest.ts';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  simhub: {
    rule: {
      v1: {
        CreateRuleRequest: MessageTypeDefinition<_simhub_rule_v1_CreateRuleRequest, _simhub_rule_v1_CreateRuleRequest__Output>
        DeleteRuleRequest: MessageTypeDefinition<_simhub_rule_v1_DeleteRuleRequest, _simhub_rule_v1_DeleteRuleRequest__Output>
        DeleteRuleResponse: MessageTypeDefinition<_simhub_rule_v1_DeleteRuleResponse, _simhub_rule_v1_DeleteRuleResponse__Output>
        GetRuleRequest: MessageTypeDefinition<_simhub_rule_v1_GetRuleRequest, _simhub_rule_v1_GetRuleRequest__Output>
        ListRuleLogsRequest: MessageTypeDefinition<_simhub_rule_v1_ListRuleLogsRequest, _simhub_rule_v1_ListRuleLogsRequest__Output>
        ListRuleLogsResponse: MessageTypeDefinition<_simhub_rule_v1_ListRuleLogsResponse, _simhub_rule_v1_ListRuleLogsResponse__Output>
        ListRulesRequest: MessageTypeDefinition<_simhub_rule_v1_ListRulesRequest, _simhub_rule_v1_ListRulesRequest__Output>
        ListRulesResponse: MessageTypeDefinition<_simhub_rule_v1_ListRulesResponse, _simhub_rule_v1_ListRulesResponse__Output>
        Rule: MessageTypeDefinition<_simhub_rule_v1_Rule, _simhub_rule_v1_Rule__Output>
        RuleLog: MessageTypeDefinition<_simhub_rule_v1_RuleLog, _simhub_rule_v1_RuleLog__Output>
        RuleLogAction: MessageTypeDefinition<_simhub_rule_v1_RuleLogAction, _simhub_rule_v1_RuleLogAction__Output>
        RuleService: SubtypeConstructor<typeof grpc.Client, _simhub_rule_v1_RuleServiceClient> & { service: _simhub_rule_v1_RuleServiceDefinition }
        UpdateRuleRequest: MessageTypeDefinition<_simhub_rule_v1_UpdateRuleRequest, _simhub_rule_v1_UpdateRuleRequest__Output>
      }
    }
  }
}

