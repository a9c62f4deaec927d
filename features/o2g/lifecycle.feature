@o2g
Feature: An O2G session lives until logout or until it idles past its timeToLive
  Source: ALE O2G_TUTO "Basics" tutorial, "Create a session", shows how a session opens; what it does
  afterwards comes from the vendor's SDKs and tutorials (inferred): GET /api/rest/1.0/sessions returns the
  session (the probe), POST /api/rest/1.0/sessions/keepalive keeps it alive, DELETE /api/rest/1.0/sessions
  ends it (204), and a session left idle longer than timeToLive seconds is gone.

  Background:
    Given I have opened an O2G session

  Rule: the probe answers 200 with the live session

    @O2G-09 @O2G-07
    Scenario: the probe returns the session of the cookie
      When I send a GET request to "/api/rest/1.0/sessions"
      Then the response status is 200
      And the response body matches the "o2g session" schema
      And the JSON value at "$.login" is "${O2G_USERNAME}"

    @O2G-09
    Scenario: a keepalive leaves the session working
      When I send a POST request to "/api/rest/1.0/sessions/keepalive"
      Then the response status is 204
      And the response body is empty
      When I send a GET request to "/api/rest/1.0/sessions"
      Then the response status is 200

  Rule: logout ends the session, and its cookie no longer works

    @O2G-09 @SEC-03
    Scenario: logout answers 204 with no body, and the probe then answers 401
      When I send a DELETE request to "/api/rest/1.0/sessions"
      Then the response status is 204
      And the response body is empty
      When I send a GET request to "/api/rest/1.0/sessions"
      Then the response status is 401
      And the response body matches the "o2g error" schema

    @O2G-09 @O2G-08 @SEC-03
    Scenario Outline: after logout, <request> with the old cookie sent by hand is refused
      Given I remember the cookie "AlcUserId" as "alcUserId"
      When I send a DELETE request to "/api/rest/1.0/sessions"
      Then the response status is 204
      Given I act as "fresh"
      And the request headers:
        | Cookie       | AlcUserId={{alcUserId}} |
        | Content-Type | application/json        |
      And the request body:
        """
        {"applicationName": "${O2G_APPLICATION_NAME}"}
        """
      When I send a POST request to "<path>"
      Then the response status is 401
      And the response body matches the "o2g error" schema
      And the response sets no cookie "AlcUserId"

      Examples:
        | request                      | path                              |
        | the documented sessions call | /api/rest/1.0//sessions           |
        | a keepalive                  | /api/rest/1.0/sessions/keepalive  |

  Rule: two logins are two sessions

    @SEC-05 @O2G-09
    Scenario: logging one session out leaves another session of the same user working
      Given I act as "alice"
      And I have opened an O2G session
      And I remember the cookie "AlcUserId" as "alice credential"
      And I remember the cookie "JSESSIONID" as "alice session"
      And I act as "bob"
      And I have opened an O2G session
      And I remember the cookie "AlcUserId" as "bob credential"
      And I remember the cookie "JSESSIONID" as "bob session"
      Then "{{alice credential}}" is not the same as "{{bob credential}}"
      And "{{alice session}}" is not the same as "{{bob session}}"
      Given I act as "alice"
      When I send a DELETE request to "/api/rest/1.0/sessions"
      Then the response status is 204
      When I send a GET request to "/api/rest/1.0/sessions"
      Then the response status is 401
      Given I act as "bob"
      When I send a GET request to "/api/rest/1.0/sessions"
      Then the response status is 200

  Rule: a session idle longer than timeToLive expires; a keepalive restarts the count

    @O2G-09 @SEC-03 @emulator
    Scenario: the emulator's session is gone after 31 idle minutes (timeToLive 1800 s)
      Given 31 minutes pass
      When I send a GET request to "/api/rest/1.0/sessions"
      Then the response status is 401
      And the response body matches the "o2g error" schema

    @O2G-09 @emulator
    Scenario: the emulator's session still works after 29 idle minutes
      Given 29 minutes pass
      When I send a GET request to "/api/rest/1.0/sessions"
      Then the response status is 200
      And the JSON value at "$.timeToLive" is 1800

    @O2G-09 @emulator
    Scenario: a keepalive restarts the idle count
      Given 20 minutes pass
      When I send a POST request to "/api/rest/1.0/sessions/keepalive"
      Then the response status is 204
      Given 20 minutes pass
      When I send a GET request to "/api/rest/1.0/sessions"
      Then the response status is 200
