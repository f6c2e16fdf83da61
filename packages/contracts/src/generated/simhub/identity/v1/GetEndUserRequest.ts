// Original file: proto/simhub/identity/v1/identity_service.proto


export interface GetEndUserRequest {
  'id'?: (string);
}

export interface GetEndUserRequest__Output {
  'id': (string);
}
