// Original file: proto/simhub/identity/v1/identity_service.proto


export interface ListEndUsersRequest {
  'companyId'?: (string);
  'limit'?: (number);
  'cursor'?: (string);
}

export interface ListEndUsersRequest__Output {
  'companyId': (string);
  'limit': (number);
  'cursor': (string);
}
