// Original file: proto/simhub/identity/v1/identity_service.proto


export interface ListApiKeysRequest {
  'orgId'?: (string);
  'companyId'?: (string);
  'limit'?: (number);
  'cursor'?: (string);
}

export interface ListApiKeysRequest__Output {
  'orgId': (string);
  'companyId': (string);
  'limit': (number);
  'cursor': (string);
}
