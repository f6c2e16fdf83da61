// Original file: proto/simhub/rule/v1/rule_service.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { CreateRuleRequest as _simhub_rule_v1_CreateRuleRequest, CreateRuleRequest__Output as _simhub_rule_v1_CreateRuleRequest__Output } from '../../../simhub/rule/v1/CreateRuleRequest.ts';
import type { DeleteRuleRequest as _simhub_rule_v1_DeleteRuleRequest, DeleteRuleRequest__Output as _simhub_rule_v1_DeleteRuleRequest__Output } from '../../../simhub/rule/v1/DeleteRuleRequest.ts';
import type { DeleteRuleResponse as _simhub_rule_v1_DeleteRuleResponse, DeleteRuleResponse__Output as _simhub_rule_v1_DeleteRuleResponse__Output } from '../../../simhub/rule/v1/DeleteRuleResponse.ts';
import type { GetRuleRequest as _simhub_rule_v1_GetRuleRequest, GetRuleRequest__Output as _simhub_rule_v1_GetRuleRequest__Output } from '../../../simhub/rule/v1/GetRuleRequest.ts';
import type { ListRuleLogsRequest as _simhub_rule_v1_ListRuleLogsRequest, ListRuleLogsRequest__Output as _simhub_rule_v1_ListRuleLogsRequest__Output } from '../../../simhub/rule/v1/ListRuleLogsRequest.ts';
import type { ListRuleLogsResponse as _simhub_rule_v1_ListRuleLogsResponse, ListRuleLogsResponse__Output as _simhub_rule_v1_ListRuleLogsResponse__Output } from '../../../simhub/rule/v1/ListRuleLogsResponse.ts';
import type { ListRulesRequest as _simhub_rule_v1_ListRulesRequest, ListRulesRequest__Output as _simhub_rule_v1_ListRulesRequest__Output } from '../../../simhub/rule/v1/ListRulesRequest.ts';
import type { ListRulesResponse as _simhub_rule_v1_ListRulesResponse, ListRulesResponse__Output as _simhub_rule_v1_ListRulesResponse__Output } from '../../../simhub/rule/v1/ListRulesResponse.ts';
import type { Rule as _simhub_rule_v1_Rule, Rule__Output as _simhub_rule_v1_Rule__Output } from '../../../simhub/rule/v1/Rule.ts';
import type { UpdateRuleRequest as _simhub_rule_v1_UpdateRuleRequest, UpdateRuleRequest__Output as _simhub_rule_v1_UpdateRuleRequest__Output } from '../../../simhub/rule/v1/UpdateRuleRequest.ts';

export interface RuleServiceClient extends grpc.Client {
  CreateRule(argument: _simhub_rule_v1_CreateRuleRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_rule_v1_Rule__Output>): grpc.ClientUnaryCall;
  CreateRule(argument: _simhub_rule_v1_CreateRuleRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_simhub_rule_v1_Rule__Output>): grpc.ClientUnaryCall;
  CreateRule(argument: _simhub_rule_v1_CreateRuleRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_rule_v1_Rule__Output>): grpc.ClientUnaryCall;
  CreateRule(argument: _simhub_rule_v1_CreateRuleRequest, callback: grpc.requestCallback<_simhub_rule_v1_Rule__Output>): grpc.ClientUnaryCall;
  createRule(argument: _simhub_rule_v1_CreateRuleRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_rule_v1_Rule__Output>): grpc.ClientUnaryCall;
  createRule(argument: _simhub_rule_v1_CreateRuleRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_simhub_rule_v1_Rule__Output>): grpc.ClientUnaryCall;
  createRule(argument: _simhub_rule_v1_CreateRuleRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_rule_v1_Rule__Output>): grpc.ClientUnaryCall;
  createRule(argument: _simhub_rule_v1_CreateRuleRequest, callback: grpc.requestCallback<_simhub_rule_v1_Rule__Output>): grpc.ClientUnaryCall;
  
  DeleteRule(argument: _simhub_rule_v1_DeleteRuleRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_rule_v1_DeleteRuleResponse__Output>): grpc.ClientUnaryCall;
  DeleteRule(argument: _simhub_rule_v1_DeleteRuleRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_simhub_rule_v1_DeleteRuleResponse__Output>): grpc.ClientUnaryCall;
  DeleteRule(argument: _simhub_rule_v1_DeleteRuleRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_rule_v1_DeleteRuleResponse__Output>): grpc.ClientUnaryCall;
  DeleteRule(argument: _simhub_rule_v1_DeleteRuleRequest, callback: grpc.requestCallback<_simhub_rule_v1_DeleteRuleResponse__Output>): grpc.ClientUnaryCall;
  deleteRule(argument: _simhub_rule_v1_DeleteRuleRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_rule_v1_DeleteRuleResponse__Output>): grpc.ClientUnaryCall;
  deleteRule(argument: _simhub_rule_v1_DeleteRuleRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_simhub_rule_v1_DeleteRuleResponse__Output>): grpc.ClientUnaryCall;
  deleteRule(argument: _simhub_rule_v1_DeleteRuleRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_rule_v1_DeleteRuleResponse__Output>): grpc.ClientUnaryCall;
  deleteRule(argument: _simhub_rule_v1_DeleteRuleRequest, callback: grpc.requestCallback<_simhub_rule_v1_DeleteRuleResponse__Output>): grpc.ClientUnaryCall;
  
  GetRule(argument: _simhub_rule_v1_GetRuleRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_rule_v1_Rule__Output>): grpc.ClientUnaryCall;
  GetRule(argument: _simhub_rule_v1_GetRuleRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_simhub_rule_v1_Rule__Output>): grpc.ClientUnaryCall;
  GetRule(argument: _simhub_rule_v1_GetRuleRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_rule_v1_Rule__Output>): grpc.ClientUnaryCall;
  GetRule(argument: _simhub_rule_v1_GetRuleRequest, callback: grpc.requestCallback<_simhub_rule_v1_Rule__Output>): grpc.ClientUnaryCall;
  getRule(argument: _simhub_rule_v1_GetRuleRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_rule_v1_Rule__Output>): grpc.ClientUnaryCall;
  getRule(argument: _simhub_rule_v1_GetRuleRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_simhub_rule_v1_Rule__Output>): grpc.ClientUnaryCall;
  getRule(argument: _simhub_rule_v1_GetRuleRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_rule_v1_Rule__Output>): grpc.ClientUnaryCall;
  getRule(argument: _simhub_rule_v1_GetRuleRequest, callback: grpc.requestCallback<_simhub_rule_v1_Rule__Output>): grpc.ClientUnaryCall;
  
  ListRuleLogs(argument: _simhub_rule_v1_ListRuleLogsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_rule_v1_ListRuleLogsResponse__Output>): grpc.ClientUnaryCall;
  ListRuleLogs(argument: _simhub_rule_v1_ListRuleLogsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_simhub_rule_v1_ListRuleLogsResponse__Output>): grpc.ClientUnaryCall;
  ListRuleLogs(argument: _simhub_rule_v1_ListRuleLogsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_rule_v1_ListRuleLogsResponse__Output>): grpc.ClientUnaryCall;
  ListRuleLogs(argument: _simhub_rule_v1_ListRuleLogsRequest, callback: grpc.requestCallback<_simhub_rule_v1_ListRuleLogsResponse__Output>): grpc.ClientUnaryCall;
  listRuleLogs(argument: _simhub_rule_v1_ListRuleLogsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_rule_v1_ListRuleLogsResponse__Output>): grpc.ClientUnaryCall;
  listRuleLogs(argument: _simhub_rule_v1_ListRuleLogsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_simhub_rule_v1_ListRuleLogsResponse__Output>): grpc.ClientUnaryCall;
  listRuleLogs(argument: _simhub_rule_v1_ListRuleLogsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_rule_v1_ListRuleLogsResponse__Output>): grpc.ClientUnaryCall;
  listRuleLogs(argument: _simhub_rule_v1_ListRuleLogsRequest, callback: grpc.requestCallback<_simhub_rule_v1_ListRuleLogsResponse__Output>): grpc.ClientUnaryCall;
  
  ListRules(argument: _simhub_rule_v1_ListRulesRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_rule_v1_ListRulesResponse__Output>): grpc.ClientUnaryCall;
  ListRules(argument: _simhub_rule_v1_ListRulesRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_simhub_rule_v1_ListRulesResponse__Output>): grpc.ClientUnaryCall;
  ListRules(argument: _simhub_rule_v1_ListRulesRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_rule_v1_ListRulesResponse__Output>): grpc.ClientUnaryCall;
  ListRules(argument: _simhub_rule_v1_ListRulesRequest, callback: grpc.requestCallback<_simhub_rule_v1_ListRulesResponse__Output>): grpc.ClientUnaryCall;
  listRules(argument: _simhub_rule_v1_ListRulesRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_rule_v1_ListRulesResponse__Output>): grpc.ClientUnaryCall;
  listRules(argument: _simhub_rule_v1_ListRulesRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_simhub_rule_v1_ListRulesResponse__Output>): grpc.ClientUnaryCall;
  listRules(argument: _simhub_rule_v1_ListRulesRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_rule_v1_ListRulesResponse__Output>): grpc.ClientUnaryCall;
  listRules(argument: _simhub_rule_v1_ListRulesRequest, callback: grpc.requestCallback<_simhub_rule_v1_ListRulesResponse__Output>): grpc.ClientUnaryCall;
  
  UpdateRule(argument: _simhub_rule_v1_UpdateRuleRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_rule_v1_Rule__Output>): grpc.ClientUnaryCall;
  UpdateRule(argument: _simhub_rule_v1_UpdateRuleRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_simhub_rule_v1_Rule__Output>): grpc.ClientUnaryCall;
  UpdateRule(argument: _simhub_rule_v1_UpdateRuleRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_rule_v1_Rule__Output>): grpc.ClientUnaryCall;
  UpdateRule(argument: _simhub_rule_v1_UpdateRuleRequest, callback: grpc.requestCallback<_simhub_rule_v1_Rule__Output>): grpc.ClientUnaryCall;
  updateRule(argument: _simhub_rule_v1_UpdateRuleRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_rule_v1_Rule__Output>): grpc.ClientUnaryCall;
  updateRule(argument: _simhub_rule_v1_UpdateRuleRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_simhub_rule_v1_Rule__Output>): grpc.ClientUnaryCall;
  updateRule(argument: _simhub_rule_v1_UpdateRuleRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_rule_v1_Rule__Output>): grpc.ClientUnaryCall;
  updateRule(argument: _simhub_rule_v1_UpdateRuleRequest, callback: grpc.requestCallback<_simhub_rule_v1_Rule__Output>): grpc.ClientUnaryCall;
  
}

export interface RuleServiceHandlers extends grpc.UntypedServiceImplementation {
  CreateRule: grpc.handleUnaryCall<_simhub_rule_v1_CreateRuleRequest__Output, _simhub_rule_v1_Rule>;
  
  DeleteRule: grpc.handleUnaryCall<_simhub_rule_v1_DeleteRuleRequest__Output, _simhub_rule_v1_DeleteRuleResponse>;
  
  GetRule: grpc.handleUnaryCall<_simhub_rule_v1_GetRuleRequest__Output, _simhub_rule_v1_Rule>;
  
  ListRuleLogs: grpc.handleUnaryCall<_simhub_rule_v1_ListRuleLogsRequest__Output, _simhub_rule_v1_ListRuleLogsResponse>;
  
  ListRules: grpc.handleUnaryCall<_simhub_rule_v1_ListRulesRequest__Output, _simhub_rule_v1_ListRulesResponse>;
  
  UpdateRule: grpc.handleUnaryCall<_simhub_rule_v1_UpdateRuleRequest__Output, _simhub_rule_v1_Rule>;
  
}

export interface RuleServiceDefinition extends grpc.ServiceDefinition {
  CreateRule: MethodDefinition<_simhub_rule_v1_CreateRuleRequest, _simhub_rule_v1_Rule, _simhub_rule_v1_CreateRuleRequest__Output, _simhub_rule_v1_Rule__Output>
  DeleteRule: MethodDefinition<_simhub_rule_v1_DeleteRuleRequest, _simhub_rule_v1_DeleteRuleResponse, _simhub_rule_v1_DeleteRuleRequest__Output, _simhub_rule_v1_DeleteRuleResponse__Output>
  GetRule: MethodDefinition<_simhub_rule_v1_GetRuleRequest, _simhub_rule_v1_Rule, _simhub_rule_v1_GetRuleRequest__Output, _simhub_rule_v1_Rule__Output>
  ListRuleLogs: MethodDefinition<_simhub_rule_v1_ListRuleLogsRequest, _simhub_rule_v1_ListRuleLogsResponse, _simhub_rule_v1_ListRuleLogsRequest__Output, _simhub_rule_v1_ListRuleLogsResponse__Output>
  ListRules: MethodDefinition<_simhub_rule_v1_ListRulesRequest, _simhub_rule_v1_ListRulesResponse, _simhub_rule_v1_ListRulesRequest__Output, _simhub_rule_v1_ListRulesResponse__Output>
  UpdateRule: MethodDefinition<_simhub_rule_v1_UpdateRuleRequest, _simhub_rule_v1_Rule, _simhub_rule_v1_UpdateRuleRequest__Output, _simhub_rule_v1_Rule__Output>
}
