// Original file: proto/simhub/usage/v1/usage_service.proto


export interface RejectedRecord {
  'index'?: (number);
  'recordId'?: (string);
  'code'?: (string);
  'message'?: (string);
}

export interface RejectedRecord__Output {
  'index': (number);
  'recordId': (string);
  'code': (string);
  'message': (string);
}
