// Original file: proto/simhub/org/v1/org_service.proto


export interface GetPlanRequest {
  'id'?: (string);
}

export interface GetPlanRequest__Output {
  'id': (string);
}
