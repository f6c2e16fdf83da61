// Original file: proto/simhub/identity/v1/identity_service.proto


export interface IssueClientCredentialsTokenRequest {
  'clientId'?: (string);
  'clientSecret'?: (string);
  'sourceAddress'?: (string);
}

export interface IssueClientCredentialsTokenRequest__Output {
  'clientId': (string);
  'clientSecret': (string);
  'sourceAddress': (string);
}
