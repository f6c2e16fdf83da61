// Original file: proto/simhub/identity/v1/identity_service.proto


export interface CountEndUsersResponse {
  'count'?: (number);
}

export interface CountEndUsersResponse__Output {
  'count': (number);
}
