package io.github.diospring.autoconfigure.envelope.server;

/**
 * The front end a back end answers, which decides how {@code showType} is numbered: umi 4 and the
 * Ant Design Pro template call NOTIFICATION 3, umi 3 calls it 4 (the others agree: 0 SILENT,
 * 1 WARN_MESSAGE, 2 ERROR_MESSAGE, 9 REDIRECT). A number meant for one shows as a plain error
 * message in the other.
 *
 * <pre>{@code
 * dio.envelope.server.front-end: umi3
 * }</pre>
 */
public enum FrontEnd {

	/** umi 4 / Ant Design Pro 5+ ({@code requestErrorConfig.ts}): NOTIFICATION is 3. */
	PRO(3),

	/** umi 3 ({@code @umijs/plugin-request}): NOTIFICATION is 4. */
	UMI3(4);

	private final int notificationShowType;

	FrontEnd(int notificationShowType) {
		this.notificationShowType = notificationShowType;
	}

	/** @return the number this front end reads as NOTIFICATION */
	public int notificationShowType() {
		return this.notificationShowType;
	}

}
