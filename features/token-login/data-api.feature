@token-login
Feature: The Pégase 3 token opens the data API
  Source: Pégase 3 API (PEGASE3_API) user documentation, "Login"; the data API itself (GET /company/info
  with a Token header) comes from the service's wider documentation and code, so these behaviours are
  inferred.

  Background:
    Given I send a GET request to "/login" with headers:
      | User-Name | ${TOKEN_LOGIN_USERNAME} |
      | Password  | ${TOKEN_LOGIN_PASSWORD} |
    And I remember the JSON value at "$.token" as "token"

  @TOK-08 @severity:critical
  Scenario: the token opens the data API
    When I send a GET request to "/company/info" with headers:
      | Token | {{token}} |
    Then the service answers code 200
    And the response body matches the "token-login company info" schema

  @TOK-08
  Scenario: a token with a tampered signature is not valid
    Given I remember "{{token}}x" as "tampered"
    When I send a GET request to "/company/info" with headers:
      | Token | {{tampered}} |
    Then the service answers code 401
    And the JSON value at "$.message" is "Token is not valid."
    And the JSON body has no "data"

  @TOK-08 @TOK-02 @SEC-03 @emulator
  Scenario: a token is refused as expired once its 30 minutes have passed
    Given 31 minutes pass
    When I send a GET request to "/company/info" with headers:
      | Token | {{token}} |
    Then the service answers code 498
    And the JSON value at "$.message" is "Token has expired."

  @TOK-02 @emulator
  Scenario: a token still works 29 minutes after it was issued
    Given 29 minutes pass
    When I send a GET request to "/company/info" with headers:
      | Token | {{token}} |
    Then the service answers code 200

  @TOK-08
  Scenario: the login only answers GET
    When I send a POST request to "/login" with headers:
      | User-Name | ${TOKEN_LOGIN_USERNAME} |
      | Password  | ${TOKEN_LOGIN_PASSWORD} |
    Then the response status is 405
    And the response header "Allow" matches "GET"
