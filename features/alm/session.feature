@alm
Feature: The ALM session: the cookies prove it, XSRF guards it, logout ends it
  Source: OpenText ALM REST API reference, "login", "Returns": the login "also opens a session" and its
  cookies go in the header of all subsequent API messages. How the session is used, guarded and ended
  comes from ALM's wider REST documentation, so these behaviours are inferred: the probe
  GET /qcbin/rest/is-authenticated, the X-XSRF-TOKEN rule for non-GET requests, logout at
  /qcbin/authentication-point/logout, DELETE /qcbin/rest/site-session and the 60-minute idle timeout.

  Background:
    Given I am logged in to ALM with the active API key

  Rule: the login cookies, sent back, prove the session

    @ALM-07 @severity:critical
    Scenario: the cookies authenticate the probe, which names the user in XML
      When I send a GET request to "/qcbin/rest/is-authenticated"
      Then the response status is 200
      And the response content type is "application/xml"
      And the response body matches the "alm is-authenticated" schema

    @ALM-07
    Scenario: the probe answers in JSON when asked to
      When I send a GET request to "/qcbin/rest/is-authenticated" with headers:
        | Accept | application/json |
      Then the response status is 200
      And the response content type is "application/json"
      And the response body matches the "alm is-authenticated JSON" schema

    @ALM-07 @SEC-04
    Scenario: without the cookies the probe asks for an LWSSO login
      Given I act as "a stranger"
      Then the cookie jar is empty
      When I send a GET request to "/qcbin/rest/is-authenticated"
      Then the response status is 401
      And the response header "WWW-Authenticate" matches "^LWSSO realm="

  Rule: a non-GET request must echo the XSRF-TOKEN cookie in X-XSRF-TOKEN

    @ALM-08
    Scenario: a request with the XSRF token passes
      Given I remember the cookie "XSRF-TOKEN" as "xsrf"
      When I send a PUT request to "/qcbin/rest/site-session" with headers:
        | X-XSRF-TOKEN | {{xsrf}} |
      Then the response status is 200

    @ALM-08 @severity:critical
    Scenario Outline: a non-GET request <case> is refused with 401 and the session goes on
      When I send a <method> request to "/qcbin/rest/site-session" with headers:
        | X-XSRF-TOKEN | <token> |
      Then the response status is 401
      And the response body matches the "alm exception" schema
      When I send a GET request to "/qcbin/rest/site-session"
      Then the response status is 200

      Examples:
        | case                       | method | token                                                            |
        | without the XSRF token     | DELETE |                                                                  |
        | with a forged XSRF token   | DELETE | 0000000000000000000000000000000000000000000000000000000000000000 |
        | with a forged XSRF token   | PUT    | forged                                                           |

    @ALM-08
    Scenario: a refused request answers its QCRestException in JSON when asked to
      When I send a DELETE request to "/qcbin/rest/site-session" with headers:
        | Accept | application/json |
      Then the response status is 401
      And the response content type is "application/json"
      And the response body matches the "alm exception JSON" schema

  Rule: logout and the end of the site session end what the login opened

    @ALM-08 @SEC-03 @severity:critical
    Scenario: logout expires the cookies and the probe is refused afterwards
      When I send a POST request to "/qcbin/authentication-point/logout"
      Then the response status is 200
      And the response expires the cookie "LWSSO_COOKIE_KEY"
      And the response expires the cookie "QCSession"
      When I send a GET request to "/qcbin/rest/is-authenticated"
      Then the response status is 401

    @ALM-08 @SEC-03
    Scenario: the old cookies, replayed by hand after logout, are refused
      Given I remember the cookie "LWSSO_COOKIE_KEY" as "lwsso"
      And I remember the cookie "QCSession" as "qc"
      When I send a POST request to "/qcbin/authentication-point/logout"
      And I act as "a replay"
      And I send a GET request to "/qcbin/rest/is-authenticated" with headers:
        | Cookie | LWSSO_COOKIE_KEY={{lwsso}}; QCSession={{qc}} |
      Then the response status is 401

    @ALM-08
    Scenario: DELETE /qcbin/rest/site-session ends the site session
      Given I remember the cookie "XSRF-TOKEN" as "xsrf"
      When I send a DELETE request to "/qcbin/rest/site-session" with headers:
        | X-XSRF-TOKEN | {{xsrf}} |
      Then the response status is 200
      And the response expires the cookie "QCSession"
      When I send a GET request to "/qcbin/rest/site-session"
      Then the response status is 401

    @SEC-05 @ALM-08
    Scenario: two logins get two sessions, and logging one out leaves the other working
      Given I remember the cookie "LWSSO_COOKIE_KEY" as "first session"
      And I act as "second"
      And I am logged in to ALM with the active API key
      And I remember the cookie "LWSSO_COOKIE_KEY" as "second session"
      Then "{{first session}}" is not the same as "{{second session}}"
      When I act as "default"
      And I send a POST request to "/qcbin/authentication-point/logout"
      And I send a GET request to "/qcbin/rest/is-authenticated"
      Then the response status is 401
      When I act as "second"
      And I send a GET request to "/qcbin/rest/is-authenticated"
      Then the response status is 200

  Rule: an idle session expires after 60 minutes

    @ALM-08 @SEC-03 @emulator
    Scenario: a session idle for 61 minutes has expired
      Given 61 minutes pass
      When I send a GET request to "/qcbin/rest/is-authenticated"
      Then the response status is 401
      And the XML value at "/QCRestException/Id" is "qccore.session-has-expired"

    @ALM-08 @emulator
    Scenario: each request restarts the idle clock
      Given 40 minutes pass
      When I send a GET request to "/qcbin/rest/is-authenticated"
      Then the response status is 200
      Given 40 minutes pass
      When I send a GET request to "/qcbin/rest/is-authenticated"
      Then the response status is 200
