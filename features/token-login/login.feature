@token-login
Feature: Pégase 3 API login with User-Name and Password headers
  Source: Pégase 3 API (PEGASE3_API) user documentation, "Login" (GET /login).
  The service takes the credentials as two request headers and answers a JSON body with a code,
  a status and, on success, a JWT that "works for the next 30 minutes". Depending on its version the
  HTTP status is always 200 or mirrors the code (TOKEN_LOGIN_STATUS_MODE); "the service answers code"
  checks both the way the configured version does it.

  Rule: valid credentials get a token and no message

    @TOK-01 @TOK-06 @documented @smoke @severity:critical
    Scenario: a user logs in with the User-Name and Password headers
      When I send a GET request to "/login" with headers:
        | User-Name | ${TOKEN_LOGIN_USERNAME} |
        | Password  | ${TOKEN_LOGIN_PASSWORD} |
      Then the JSON value at "$.code" is 200
      And the JSON value at "$.status" is "ok"
      And the JSON value at "$.token" is a string
      And the JSON body has no "message"
      And the response body matches the "token-login success" schema

    @TOK-01 @TOK-07
    Scenario: the HTTP status of a successful login follows the configured version
      When I send a GET request to "/login" with headers:
        | User-Name | ${TOKEN_LOGIN_USERNAME} |
        | Password  | ${TOKEN_LOGIN_PASSWORD} |
      Then the service answers code 200
      And the response content type is "application/json"

    @TOK-02 @documented @severity:critical
    Scenario: the token is an HS256 JWT naming the user that works for the next 30 minutes
      When I send a GET request to "/login" with headers:
        | User-Name | ${TOKEN_LOGIN_USERNAME} |
        | Password  | ${TOKEN_LOGIN_PASSWORD} |
      And I remember the JSON value at "$.token" as "token"
      Then the JWT "{{token}}" has the header field "typ" equal to "JWT"
      And the JWT "{{token}}" has the header field "alg" equal to "HS256"
      And the JWT "{{token}}" has exactly the claims "user, exp"
      And the JWT "{{token}}" has the claim "user" equal to "${TOKEN_LOGIN_USERNAME}"
      And the JWT "{{token}}" lives at least 30 minutes, give or take 5 seconds

    @TOK-02 @emulator
    Scenario: the emulator's token expires exactly 30 minutes after it is issued
      When I send a GET request to "/login" with headers:
        | User-Name | ${TOKEN_LOGIN_USERNAME} |
        | Password  | ${TOKEN_LOGIN_PASSWORD} |
      And I remember the JSON value at "$.token" as "token"
      Then the JWT "{{token}}" expires 30 minutes after it was issued, give or take 5 seconds

  Rule: a missing or empty header is refused with code 402, naming the header

    @TOK-03 @TOK-06 @documented
    Scenario Outline: a missing <missing> header is refused as "not specified"
      When I send a GET request to "/login" with headers:
        | <present> | <value> |
      Then the JSON value at "$.code" is 402
      And the JSON value at "$.status" is "error"
      And the JSON value at "$.message" matches "^Required field < ?<missing> ?> is not specified\.$"
      And the JSON body has no "token"

      Examples:
        | missing   | present   | value                   |
        | User-Name | Password  | ${TOKEN_LOGIN_PASSWORD} |
        | Password  | User-Name | ${TOKEN_LOGIN_USERNAME} |

    @TOK-03 @TOK-07
    Scenario: with both headers missing the service names User-Name first, spelled without spaces
      When I send a GET request to "/login"
      Then the service answers code 402
      And the JSON value at "$.message" is "Required field <User-Name> is not specified."
      And the response body matches the "token-login error" schema

    @TOK-04 @TOK-06 @documented
    Scenario Outline: an empty <empty> header is refused as "empty"
      When I send a GET request to "/login" with headers:
        | User-Name | <user>     |
        | Password  | <password> |
      Then the JSON value at "$.code" is 402
      And the JSON value at "$.status" is "error"
      And the JSON value at "$.message" matches "^Required field < ?<empty> ?> is empty\.$"
      And the JSON body has no "token"

      Examples:
        | empty     | user                    | password                |
        | User-Name |                         | ${TOKEN_LOGIN_PASSWORD} |
        | Password  | ${TOKEN_LOGIN_USERNAME} |                         |

  Rule: wrong credentials are refused without a token or a session

    @TOK-05 @TOK-06 @documented
    Scenario Outline: a login with <case> is refused with an error message and no token
      When I send a GET request to "/login" with headers:
        | User-Name | <user>     |
        | Password  | <password> |
      Then the JSON value at "$.status" is "error"
      And the JSON value at "$.code" is an integer
      And the JSON value at "$.message" is a string
      And the JSON body has no "token"

      Examples:
        | case               | user                    | password                |
        | a wrong password   | ${TOKEN_LOGIN_USERNAME} | not-the-password        |
        | an unknown user    | nobody-by-this-name     | ${TOKEN_LOGIN_PASSWORD} |

    @TOK-05 @SEC-01
    Scenario Outline: a login refused for <case> sets no cookie
      When I send a GET request to "/login" with headers:
        | User-Name | <user>     |
        | Password  | <password> |
      Then the JSON value at "$.status" is "error"
      And the response sets no cookies
      And the cookie jar is empty

      Examples:
        | case               | user                    | password                |
        | a wrong password   | ${TOKEN_LOGIN_USERNAME} | not-the-password        |
        | an unknown user    | nobody-by-this-name     | ${TOKEN_LOGIN_PASSWORD} |

    @TOK-05 @SEC-02
    Scenario: a wrong password and an unknown user get the same answer
      When I send a GET request to "/login" with headers:
        | User-Name | ${TOKEN_LOGIN_USERNAME} |
        | Password  | not-the-password        |
      And I remember the JSON value at "$.code" as "wrong password code"
      And I remember the JSON value at "$.message" as "wrong password message"
      And I send a GET request to "/login" with headers:
        | User-Name | nobody-by-this-name     |
        | Password  | ${TOKEN_LOGIN_PASSWORD} |
      Then the JSON value at "$.message" is "{{wrong password message}}"
      And the JSON value at "$.code" is an integer
      And "{{wrong password code}}" matches "^(401|404)$"
      And the response body matches the "token-login error" schema

    @TOK-05 @TOK-07
    Scenario: a refused login answers the documented error code for its version
      When I send a GET request to "/login" with headers:
        | User-Name | ${TOKEN_LOGIN_USERNAME} |
        | Password  | not-the-password        |
      And I remember the JSON value at "$.code" as "code"
      Then "{{code}}" matches "^(401|404)$"
      And the HTTP status follows the code in the body
      And the response body matches the "token-login error" schema

  Rule: the login keeps no state on the client

    @SEC-04 @SEC-01
    Scenario: every scenario starts with an empty cookie jar and a login leaves it empty
      Then the cookie jar is empty
      When I send a GET request to "/login" with headers:
        | User-Name | ${TOKEN_LOGIN_USERNAME} |
        | Password  | ${TOKEN_LOGIN_PASSWORD} |
      Then the JSON value at "$.status" is "ok"
      And the response sets no cookies
      And the cookie jar is empty
