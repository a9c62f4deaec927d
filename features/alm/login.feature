@alm
Feature: OpenText ALM login with an API key
  Source: OpenText ALM REST API reference, "login" (POST /qcbin/rest/oauth2/login).
  A client ID and API key secret, posted as JSON, authenticate the caller: the answer is an empty 200
  whose Set-Cookie lines carry the session (JSESSIONID, LWSSO_COOKIE_KEY, QCSession, ALM_USER and
  XSRF-TOKEN, all on Path=/qcbin). A wrong secret is 401, a client ID that is not an active API key
  is 403, a server fault is 500. The seed's prose spells the last cookie XSRF_TOKEN; its wire example,
  followed here, says XSRF-TOKEN.

  Rule: an active API key posted as JSON logs in and gets the five session cookies

    @ALM-01 @documented @smoke @severity:critical
    Scenario: an active API key logs in with an empty 200 and the session cookies
      Given the request header "Content-Type" is "application/json"
      When I send a POST request to "/qcbin/rest/oauth2/login" with body:
        """
        {"clientId":"${ALM_CLIENT_ID}", "secret":"${ALM_SECRET}"}
        """
      Then the response status is 200
      And the response header "Content-Length" is "0"
      And the response body is empty
      And the response sets these cookies:
        | name             | Path   | HttpOnly |
        | JSESSIONID       | /qcbin | yes      |
        | LWSSO_COOKIE_KEY | /qcbin | yes      |
        | QCSession        | /qcbin | yes      |
        | ALM_USER         | /qcbin | no       |
        | XSRF-TOKEN       | /qcbin | no       |

    @ALM-01 @documented
    Scenario: the login answers with the example's security headers
      Given I am logged in to ALM with the active API key
      Then the response header "X-Content-Type-Options" is "nosniff"
      And the response header "Expires" is "Thu, 01 Jan 1970 00:00:00 GMT"
      And the response header "X-XSS-protection" is "1; mode=block"

    @ALM-01 @ALM-07 @SEC-04
    Scenario: a scenario starts with an empty cookie jar and the login fills it
      Then the cookie jar is empty
      When I am logged in to ALM with the active API key
      Then the cookie jar holds "LWSSO_COOKIE_KEY"
      And the cookie jar holds "QCSession"
      And the cookie jar holds "ALM_USER"
      And the cookie jar holds "XSRF-TOKEN"
      When I send a GET request to "/qcbin/rest/is-authenticated"
      Then the response status is 200

  Rule: a wrong secret is 401; a client ID that is not an active API key is 403

    @ALM-02 @documented @severity:critical
    Scenario: a wrong secret is refused with 401
      Given the request header "Content-Type" is "application/json"
      When I send a POST request to "/qcbin/rest/oauth2/login" with body:
        """
        {"clientId":"${ALM_CLIENT_ID}", "secret":"not-the-secret"}
        """
      Then the response status is 401

    @ALM-03 @documented @severity:critical
    Scenario: an API key that exists but is not active is refused with 403
      Given the configuration provides "ALM_INACTIVE_CLIENT_ID"
      And the request header "Content-Type" is "application/json"
      When I send a POST request to "/qcbin/rest/oauth2/login" with body:
        """
        {"clientId":"${ALM_INACTIVE_CLIENT_ID}", "secret":"${ALM_INACTIVE_SECRET}"}
        """
      Then the response status is 403

    @ALM-03
    Scenario: a client ID that does not exist is not an active API key either, so 403
      Given the request header "Content-Type" is "application/json"
      When I send a POST request to "/qcbin/rest/oauth2/login" with body:
        """
        {"clientId":"oauth2-noSuchKey0000@MyCompany.com", "secret":"${ALM_SECRET}"}
        """
      Then the response status is 403
      And the response body matches the "alm exception" schema

    # ALM's documented exception to SEC-02 (a wrong password and an unknown user answered alike).
    @ALM-02 @ALM-03
    Scenario: unlike a password login, ALM tells a wrong secret from a client ID that is not an active key
      Given the request header "Content-Type" is "application/json"
      When I send a POST request to "/qcbin/rest/oauth2/login" with body:
        """
        {"clientId":"${ALM_CLIENT_ID}", "secret":"not-the-secret"}
        """
      And I remember the XML value at "/QCRestException/Id" as "wrong secret"
      And the request header "Content-Type" is "application/json"
      And I send a POST request to "/qcbin/rest/oauth2/login" with body:
        """
        {"clientId":"oauth2-noSuchKey0000@MyCompany.com", "secret":"not-the-secret"}
        """
      And I remember the XML value at "/QCRestException/Id" as "not an active key"
      Then the response status is 403
      And "{{wrong secret}}" is not the same as "{{not an active key}}"

    @SEC-01 @ALM-02 @ALM-03
    Scenario Outline: a login refused for <case> sets no session cookie and answers a QCRestException
      Given the configuration provides "<needs>"
      And the request header "Content-Type" is "application/json"
      When I send a POST request to "/qcbin/rest/oauth2/login" with body:
        """
        {"clientId":"<client>", "secret":"<secret>"}
        """
      Then the response status is <status>
      And the response sets no cookies
      And the cookie jar is empty
      And the response body matches the "alm exception" schema

      Examples:
        | case                   | needs                  | client                             | secret                 | status |
        | a wrong secret         | ALM_CLIENT_ID          | ${ALM_CLIENT_ID}                   | not-the-secret         | 401    |
        | an inactive API key    | ALM_INACTIVE_CLIENT_ID | ${ALM_INACTIVE_CLIENT_ID}          | ${ALM_INACTIVE_SECRET} | 403    |
        | an unknown client ID   | ALM_CLIENT_ID          | oauth2-noSuchKey0000@MyCompany.com | ${ALM_SECRET}          | 403    |

    @SEC-01 @ALM-08
    Scenario: a refused login answers its QCRestException in JSON when asked to
      Given the request headers:
        | Content-Type | application/json |
        | Accept       | application/json |
      When I send a POST request to "/qcbin/rest/oauth2/login" with body:
        """
        {"clientId":"${ALM_CLIENT_ID}", "secret":"not-the-secret"}
        """
      Then the response status is 401
      And the response content type is "application/json"
      And the response body matches the "alm exception JSON" schema

  Rule: an internal server error is 500

    @ALM-04 @documented @emulator
    Scenario: an internal server error answers 500
      Given the emulator fails the next request with an internal error
      And the request header "Content-Type" is "application/json"
      When I send a POST request to "/qcbin/rest/oauth2/login" with body:
        """
        {"clientId":"${ALM_CLIENT_ID}", "secret":"${ALM_SECRET}"}
        """
      Then the response status is 500

  Rule: the login offers only POST and only application/json

    @ALM-05
    Scenario Outline: <method> on the login is not allowed
      When I send a <method> request to "/qcbin/rest/oauth2/login"
      Then the response status is 405
      And the response header "Allow" is "POST"
      And the response sets no cookies

      Examples:
        | method |
        | GET    |
        | PUT    |
        | DELETE |

    @ALM-05
    Scenario Outline: a login body sent as <type> is an unsupported media type
      Given the request header "Content-Type" is "<type>"
      When I send a POST request to "/qcbin/rest/oauth2/login" with body:
        """
        <body>
        """
      Then the response status is 415
      And the response sets no cookies
      And the response body matches the "alm exception" schema

      Examples:
        | type                              | body                                                                                   |
        | application/xml                   | <login><clientId>${ALM_CLIENT_ID}</clientId><secret>${ALM_SECRET}</secret></login>     |
        | text/plain                        | {"clientId":"${ALM_CLIENT_ID}", "secret":"${ALM_SECRET}"}                              |
        | application/x-www-form-urlencoded | clientId=${ALM_CLIENT_ID}&secret=${ALM_SECRET}                                         |
