@o2g
Feature: O2G authentication with HTTP Basic credentials
  Source: ALE O2G_TUTO "Basics" tutorial (a Postman walkthrough), "Authentification".
  "To log in the API, you have to authenticate yourself": GET /api/rest/authenticate?version=1.0 with
  Basic Auth answers "Status: 200 OK" and a Cookie, AlcUserId, that authenticates the next queries.
  The body, the discovery document and the refusals come from the vendor's SDKs (inferred).

  Rule: the server tells where to authenticate, without credentials

    @O2G-06
    Scenario: the discovery document names the current version and its authenticate URL
      When I send a GET request to "/api/rest"
      Then the response status is 200
      And the response body matches the "o2g discovery" schema
      And the JSON value at "$.versions[0].id" is "1.0"
      And the JSON value at "$.versions[0].status" is "CURRENT"
      And the JSON value at "$.versions[0].publicUrl" matches "/api/rest/authenticate\?version=1\.0$"

  Rule: Basic credentials get the AlcUserId cookie

    @O2G-01 @documented @smoke @severity:critical
    Scenario: a user authenticates with Basic Auth and gets the AlcUserId cookie
      Given HTTP Basic credentials "${O2G_USERNAME}" and "${O2G_PASSWORD}"
      When I send a GET request to "/api/rest/authenticate?version=1.0"
      Then the response status is 200
      And the response sets the cookie "AlcUserId"

    @O2G-01 @emulator
    Scenario: the credentials reach the server as a Basic Authorization header, with no cookie yet
      Given HTTP Basic credentials "${O2G_USERNAME}" and "${O2G_PASSWORD}"
      When I send a GET request to "/api/rest/authenticate?version=1.0"
      Then the response status is 200
      And the response sets the cookie "AlcUserId"
      And the emulator received a Basic Authorization header
      And the emulator received no cookies

    @O2G-05
    Scenario: the authenticate body carries the cookie's value as credential and the sessions URLs
      Given HTTP Basic credentials "${O2G_USERNAME}" and "${O2G_PASSWORD}"
      When I send a GET request to "/api/rest/authenticate?version=1.0"
      Then the response status is 200
      And the response content type is "application/json"
      And the response body matches the "o2g authenticate" schema
      And the JSON value at "$.publicUrl" matches "/api/rest/1\.0/sessions$"
      And the JSON value at "$.internalUrl" matches "/api/rest/1\.0/sessions$"
      Given I remember the JSON value at "$.credential" as "credential"
      And I remember the cookie "AlcUserId" as "cookie"
      Then "{{cookie}}" is the same as "{{credential}}"

    @O2G-05
    Scenario: the credential is an HS256 JWT whose subject is the login
      Given HTTP Basic credentials "${O2G_USERNAME}" and "${O2G_PASSWORD}"
      When I send a GET request to "/api/rest/authenticate?version=1.0"
      And I remember the JSON value at "$.credential" as "credential"
      Then the JWT "{{credential}}" has the header field "alg" equal to "HS256"
      And the JWT "{{credential}}" has the claim "sub" equal to "${O2G_USERNAME}"

    @O2G-05
    Scenario: the credential is a signed JWT issued no later than the answer
      Given HTTP Basic credentials "${O2G_USERNAME}" and "${O2G_PASSWORD}"
      When I send a GET request to "/api/rest/authenticate?version=1.0"
      And I remember the JSON value at "$.credential" as "credential"
      Then the JWT "{{credential}}" names a signing algorithm other than "none"
      And the JWT claim "iat" of "{{credential}}" is not in the future

    @O2G-01 @SEC-03 @emulator
    Scenario: the emulator's AlcUserId cookie is HttpOnly for the whole site
      Given HTTP Basic credentials "${O2G_USERNAME}" and "${O2G_PASSWORD}"
      When I send a GET request to "/api/rest/authenticate?version=1.0"
      Then the response sets these cookies:
        | name      | Path | HttpOnly |
        | AlcUserId | /    | yes      |

  Rule: wrong, missing or broken credentials are refused with 401, an O2G error and no cookie

    @O2G-08 @SEC-01
    Scenario Outline: authenticating with <case> is refused
      Given HTTP Basic credentials "<user>" and "<password>"
      When I send a GET request to "/api/rest/authenticate?version=1.0"
      Then the response status is 401
      And the response body matches the "o2g error" schema
      And the JSON value at "$.code" is 401
      And the response sets no cookies
      And the cookie jar is empty

      Examples:
        | case             | user                | password         |
        | a wrong password | ${O2G_USERNAME}     | not-the-password |
        | an unknown user  | nobody-by-this-name | ${O2G_PASSWORD}  |

    @O2G-08 @SEC-01
    Scenario Outline: an authenticate request with <case> is refused
      When I send a GET request to "/api/rest/authenticate?version=1.0" with headers:
        | <header> | <value> |
      Then the response status is 401
      And the response body matches the "o2g error" schema
      And the JSON value at "$.httpStatus" is "UNAUTHORIZED"
      And the response sets no cookies

      Examples:
        | case                             | header        | value                      |
        | no Authorization header          | Accept        | application/json           |
        | a Basic value without a colon    | Authorization | Basic bm8tY29sb24taGVyZQ== |
        | a Basic value that is not base64 | Authorization | Basic !!not*base64!!       |
        | an empty Basic value             | Authorization | Basic                      |
        | another scheme                   | Authorization | Bearer abc.def.ghi         |

    @O2G-08 @SEC-02
    Scenario: a wrong password and an unknown user get the same answer
      Given HTTP Basic credentials "${O2G_USERNAME}" and "not-the-password"
      When I send a GET request to "/api/rest/authenticate?version=1.0"
      And I remember the JSON value at "$.code" as "wrong password code"
      And I remember the JSON value at "$.helpMessage" as "wrong password help"
      And I remember the JSON value at "$.innerMessage" as "wrong password detail"
      Given HTTP Basic credentials "nobody-by-this-name" and "${O2G_PASSWORD}"
      When I send a GET request to "/api/rest/authenticate?version=1.0"
      Then the response status is 401
      And the JSON value at "$.code" is 401
      And "{{wrong password code}}" is the same as "401"
      And the JSON value at "$.helpMessage" is "{{wrong password help}}"
      And the JSON value at "$.innerMessage" is "{{wrong password detail}}"

  Rule: nothing carries over from one scenario to the next

    @SEC-04
    Scenario: a scenario starts with an empty cookie jar, so the sessions call is refused
      Then the cookie jar is empty
      Given the request header "Content-Type" is "application/json"
      When I send a POST request to "/api/rest/1.0//sessions" with body:
        """json
        {"applicationName": "${O2G_APPLICATION_NAME}"}
        """
      Then the response status is 401
      And the response body matches the "o2g error" schema
