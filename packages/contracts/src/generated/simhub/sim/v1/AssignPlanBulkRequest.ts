// Original file: proto/simhub/sim/v1/sim_service.proto


export interface AssignPlanBulkRequest {
  'orgId'?: (string);
  'planId'?: (string);
  'iccids'?: (string)[];
}

export interface AssignPlanBulkRequest__Output {
  'orgId': (string);
  'planId': (string);
  'iccids': (string)[];
}
