package dev.haneul.examples.board;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.security.Principal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;
import org.springframework.http.HttpStatus;
import org.springframework.lang.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/**
 * The board's pages. Reads come back as {@link DbRead}s, which {@link #shown} hands to the footer
 * and to the {@code X-Board-Db-Instance} / {@code X-Board-Db-Role} headers.
 */
@Controller
final class BoardController {

    static final String DB_INSTANCE_HEADER = "X-Board-Db-Instance";
    static final String DB_ROLE_HEADER = "X-Board-Db-Role";
    static final int MAX_TITLE = 200;
    static final int MAX_BODY = 10_000;

    private final BoardRepository board;

    BoardController(BoardRepository board) {
        this.board = board;
    }

    @GetMapping("/login")
    String login(Model model, @Nullable Principal principal) {
        if (principal != null) {
            return "redirect:/";
        }
        model.addAttribute("demoUsers", SecurityConfiguration.DEMO_USERS);
        return "login";
    }

    @GetMapping("/")
    String posts(Model model, HttpServletRequest request, HttpServletResponse response) {
        DbRead<?> read = board.recentPosts();
        model.addAttribute("posts", read.value());
        shown(read, model, request, response);
        return "posts";
    }

    @GetMapping("/posts/new")
    String newPost() {
        return "new-post";
    }

    @PostMapping("/posts")
    String createPost(@RequestParam(defaultValue = "") String title, @RequestParam(defaultValue = "") String body,
            Principal principal, Model model, HttpServletResponse response) {
        Map<String, String> errors = new LinkedHashMap<>();
        String cleanTitle = title.strip();
        String cleanBody = body.strip();
        check(cleanTitle, "title", "a title", MAX_TITLE, errors);
        check(cleanBody, "body", "some text", MAX_BODY, errors);
        if (!errors.isEmpty()) {
            model.addAttribute("title", title);
            model.addAttribute("body", body);
            model.addAttribute("errors", errors);
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            return "new-post";
        }
        long id = board.createPost(principal.getName(), cleanTitle, cleanBody);
        return "redirect:/posts/" + id;
    }

    /** {@code comment}: the id of a comment this user just wrote, which the page must show (see the repository). */
    @GetMapping("/posts/{id}")
    String post(@PathVariable long id, @RequestParam(required = false) @Nullable Long comment, Model model,
            HttpServletRequest request, HttpServletResponse response) {
        DbRead<BoardRepository.PostPage> read = board.postPage(id, comment)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no post #" + id));
        model.addAttribute("page", read.value());
        shown(read, model, request, response);
        return "post";
    }

    @PostMapping("/posts/{id}/comments")
    String addComment(@PathVariable long id, @RequestParam(defaultValue = "") String body, Principal principal) {
        String cleanBody = body.strip();
        if (cleanBody.isEmpty() || cleanBody.length() > MAX_BODY) {
            return "redirect:/posts/" + id + "?invalid#comment-form";
        }
        OptionalLong comment = board.addComment(id, principal.getName(), cleanBody);
        if (comment.isEmpty()) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no post #" + id);
        }
        return "redirect:/posts/" + id + "?comment=" + comment.getAsLong() + "#c" + comment.getAsLong();
    }

    private static void check(String value, String field, String what, int max, Map<String, String> errors) {
        if (value.isEmpty()) {
            errors.put(field, "Please write " + what + ".");
        } else if (value.length() > max) {
            errors.put(field, "At most " + max + " characters, please (" + value.length() + " now).");
        }
    }

    private static void shown(DbRead<?> read, Model model, HttpServletRequest request, HttpServletResponse response) {
        model.addAttribute("read", read);
        response.setHeader(DB_INSTANCE_HEADER, read.instance());
        response.setHeader(DB_ROLE_HEADER, read.role().label());
        request.setAttribute(RequestLogFilter.DB_INSTANCE_ATTRIBUTE, read.instance());
    }
}
