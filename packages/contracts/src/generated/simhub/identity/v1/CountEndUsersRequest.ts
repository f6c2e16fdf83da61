// Original file: proto/simhub/identity/v1/identity_service.proto


export interface CountEndUsersRequest {
  'companyId'?: (string);
}

export interface CountEndUsersRequest__Output {
  'companyId': (string);
}
