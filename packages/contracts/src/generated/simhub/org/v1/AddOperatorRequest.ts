// Original file: proto/simhub/org/v1/org_service.proto


export interface AddOperatorRequest {
  'orgId'?: (string);
  'operatorName'?: (string);
  'mcc'?: (string);
  'mnc'?: (string);
  'integration'?: (string);
}

export interface AddOperatorRequest__Output {
  'orgId': (string);
  'operatorName': (string);
  'mcc': (string);
  'mnc': (string);
  'integration': (string);
}
