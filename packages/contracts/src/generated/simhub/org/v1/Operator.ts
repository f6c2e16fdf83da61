// Original file: proto/simhub/org/v1/org_service.proto


export interface Operator {
  'id'?: (string);
  'orgId'?: (string);
  'operatorName'?: (string);
  'mcc'?: (string);
  'mnc'?: (string);
  'integration'?: (string);
  'createdAt'?: (string);
}

export interface Operator__Output {
  'id': (string);
  'orgId': (string);
  'operatorName': (string);
  'mcc': (string);
  'mnc': (string);
  'integration': (string);
  'createdAt': (string);
}
