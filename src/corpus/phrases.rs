//! Phrase pools about văn hóa công vụ, written the way plans and reports of
//! Vietnamese administrations word them. Placeholders in braces are filled
//! by `text::Ctx::fill`: {cap} "huyện", {place} "huyện Vĩnh Linh",
//! {org} "UBND huyện Vĩnh Linh", {units} "các cơ quan, đơn vị, địa phương",
//! {lower} "UBND các xã, thị trấn", {agencies} "các cơ quan chuyên môn
//! thuộc UBND huyện", {nv} "Phòng Nội vụ", {year} the document's year.

pub const MUC_DICH: &[&str] = &[
    "Triển khai thực hiện có hiệu quả Đề án Văn hóa công vụ, tạo sự chuyển biến mạnh mẽ về nhận thức, hành động của cấp ủy đảng, chính quyền các cấp và của toàn thể đội ngũ cán bộ, công chức, viên chức, người lao động trên địa bàn {place} đối với việc thực hiện văn hóa công vụ.",
    "Khắc phục những hạn chế, tồn tại trong thực hiện văn hóa công vụ thời gian qua ở {units}, góp phần hình thành phong cách ứng xử, lề lối làm việc chuẩn mực của đội ngũ cán bộ, công chức, viên chức và người lao động.",
    "Bảo đảm tính chuyên nghiệp, trách nhiệm, năng động, minh bạch, hiệu quả trong thực thi nhiệm vụ, công vụ, đáp ứng yêu cầu phục vụ Nhân dân, xã hội của đội ngũ cán bộ, công chức, viên chức và người lao động.",
    "Xác định cụ thể các nội dung công việc, thời hạn và tiến độ hoàn thành, trách nhiệm được phân công của {units} trong việc triển khai thực hiện Kế hoạch này.",
    "Nâng cao đạo đức công vụ của cán bộ, công chức, đạo đức nghề nghiệp của viên chức; tăng cường kỷ luật, kỷ cương hành chính; phòng, chống tham nhũng, tiêu cực, lãng phí.",
    "Góp phần xây dựng nền hành chính chuyên nghiệp, trách nhiệm, minh bạch, hiệu quả, vì Nhân dân phục vụ, nâng cao chỉ số hài lòng của người dân, tổ chức đối với sự phục vụ của cơ quan hành chính nhà nước trên địa bàn {place}.",
];

pub const YEU_CAU: &[&str] = &[
    "Kế thừa, phát huy các giá trị văn hóa tốt đẹp của dân tộc, đồng thời đáp ứng yêu cầu hội nhập quốc tế.",
    "Đề cao vai trò, trách nhiệm của người đứng đầu {units} gắn với việc nêu gương trong việc triển khai thực hiện văn hóa công vụ.",
    "Việc tổ chức, triển khai thực hiện Kế hoạch phải bảo đảm nghiêm túc, chất lượng, hiệu quả, đúng tiến độ, đồng thời gắn với nhiệm vụ công tác chuyên môn của {units}.",
    "Người đứng đầu và toàn thể cán bộ, công chức, viên chức nắm vững nội dung của văn hóa công vụ, thực hiện nghiêm túc các chuẩn mực về tinh thần, thái độ làm việc, giao tiếp, ứng xử, đạo đức, lối sống và trang phục.",
    "Gắn việc thực hiện văn hóa công vụ với công tác cải cách hành chính, phong trào thi đua và việc đánh giá, xếp loại chất lượng cán bộ, công chức, viên chức hằng năm.",
];

pub const TINH_THAN: &[&str] = &[
    "Sẵn sàng nhận và nỗ lực hoàn thành tốt mọi nhiệm vụ được phân công; không kén chọn vị trí công tác, không chọn việc dễ, bỏ việc khó.",
    "Tâm huyết, tận tụy, gương mẫu làm tròn chức trách, nhiệm vụ được giao; không vướng vào “tư duy nhiệm kỳ”.",
    "Phải có ý thức tổ chức kỷ luật; sử dụng có hiệu quả thời giờ làm việc; tránh hiện tượng trung bình chủ nghĩa, làm việc qua loa, đại khái, kém hiệu quả.",
    "Nghiêm chỉnh chấp hành pháp luật của Nhà nước, nội quy, quy chế của cơ quan, đơn vị; chủ động phối hợp trong thực hiện nhiệm vụ, công vụ.",
    "Không gây khó khăn, phiền hà, vòi vĩnh, kéo dài thời gian xử lý công việc của cơ quan, tổ chức, người dân, doanh nghiệp; không thờ ơ, vô cảm, thiếu trách nhiệm trước những khó khăn, bức xúc của người dân.",
    "Phải công tâm, khách quan trong sử dụng, đánh giá cán bộ thuộc thẩm quyền quản lý; công khai, minh bạch trong công tác bổ nhiệm cán bộ.",
    "Không lợi dụng vị trí công tác để bổ nhiệm người thân quen; chủ động xin thôi giữ chức vụ khi nhận thấy bản thân còn hạn chế về năng lực và uy tín.",
    "Không làm việc riêng, không sử dụng thiết bị của cơ quan vào việc riêng trong giờ làm việc; không bỏ vị trí công tác khi không có lý do chính đáng.",
    "Không hút thuốc lá trong phòng làm việc, không sử dụng đồ uống có cồn tại công sở, kể cả trong giờ nghỉ trưa.",
    "Chủ động nghiên cứu, đề xuất giải pháp đổi mới, sáng tạo trong thực thi công vụ; dám nghĩ, dám làm, dám chịu trách nhiệm vì lợi ích chung.",
];

pub const GIAO_TIEP: &[&str] = &[
    "Trong giao tiếp với người dân phải tôn trọng, lắng nghe, tận tình hướng dẫn về quy trình xử lý công việc và giải thích cặn kẽ những thắc mắc của người dân.",
    "Thực hiện “4 xin, 4 luôn”: xin chào, xin lỗi, xin cảm ơn, xin phép; luôn mỉm cười, luôn nhẹ nhàng, luôn lắng nghe, luôn giúp đỡ.",
    "Đối với đồng nghiệp phải có tinh thần hợp tác, tương trợ trong thực hiện nhiệm vụ, công vụ; không bè phái gây mất đoàn kết nội bộ của cơ quan, đơn vị.",
    "Đối với lãnh đạo cấp trên phải tuân thủ thứ bậc hành chính, phục tùng sự chỉ đạo, điều hành, phân công công việc của cấp trên; không trốn tránh, thoái thác nhiệm vụ.",
    "Cán bộ, công chức, viên chức giữ chức vụ lãnh đạo, quản lý không được duy ý chí, áp đặt, bảo thủ; phải tôn trọng, lắng nghe ý kiến của cấp dưới; gương mẫu trong giao tiếp, ứng xử.",
    "Khi giao tiếp qua điện thoại phải xưng tên, cơ quan, đơn vị nơi công tác; trao đổi ngắn gọn, tập trung vào nội dung công việc; không ngắt điện thoại đột ngột.",
    "Sử dụng ngôn ngữ chuẩn mực, rõ ràng, mạch lạc; không nói tục, nói tiếng lóng, quát nạt trong giao tiếp với người dân và đồng nghiệp.",
    "Không sử dụng mạng xã hội để đăng tải, bình luận, chia sẻ các thông tin chưa được kiểm chứng, gây ảnh hưởng đến uy tín của cơ quan, đơn vị.",
];

pub const DAO_DUC: &[&str] = &[
    "Không ngừng học tập, tu dưỡng, rèn luyện về đạo đức, lối sống; tuân thủ chuẩn mực đạo đức gia đình và xã hội, thuần phong mỹ tục, truyền thống văn hóa tốt đẹp của dân tộc.",
    "Thực hiện cần, kiệm, liêm, chính, chí công vô tư; trung thực, giản dị, thẳng thắn, chân thành; không sa vào các tệ nạn xã hội.",
    "Tuân thủ kỷ luật phát ngôn; không lợi dụng việc phản ánh, góp ý để gây mất đoàn kết nội bộ, làm ảnh hưởng đến hoạt động công vụ.",
    "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh gắn với thực hiện nhiệm vụ chính trị của cơ quan, đơn vị.",
    "Không tổ chức cưới hỏi, ma chay, mừng thọ, sinh nhật, tân gia và các sự kiện khác của bản thân và gia đình xa hoa, lãng phí hoặc để vụ lợi.",
    "Không nhận quà biếu, tặng dưới mọi hình thức có liên quan đến việc giải quyết công việc thuộc thẩm quyền được giao.",
];

pub const TRANG_PHUC: &[&str] = &[
    "Khi thực hiện nhiệm vụ, cán bộ, công chức, viên chức phải mặc trang phục lịch sự, gọn gàng, phù hợp với tính chất công việc và môi trường làm việc.",
    "Đeo thẻ cán bộ, công chức, viên chức đúng quy định trong suốt thời gian làm việc tại công sở và khi thi hành công vụ.",
    "Đối với cơ quan, đơn vị đã có quy định về trang phục riêng thì thực hiện theo quy định của ngành; trang phục ngày lễ, ngày hội thực hiện theo hướng dẫn chung.",
    "Không mặc quần áo quá ngắn, bó sát, xuyên thấu hoặc có hình in, chữ in phản cảm; đi giày hoặc dép có quai hậu khi đến công sở.",
    "Bài trí công sở gọn gàng, khoa học; treo Quốc huy, Quốc kỳ, biển tên cơ quan đúng quy định; niêm yết công khai thủ tục hành chính tại nơi tiếp nhận hồ sơ.",
];

/// Openers of task sentences ("Đẩy mạnh …").
pub const TASK_OPEN: &[&str] = &[
    "Đẩy mạnh",
    "Tiếp tục đẩy mạnh",
    "Tăng cường",
    "Chú trọng",
    "Tổ chức thực hiện tốt",
    "Triển khai đồng bộ",
    "Nâng cao chất lượng",
    "Duy trì thường xuyên",
];

/// Objects of task sentences.
pub const TASK_OBJECT: &[&str] = &[
    "công tác thông tin, tuyên truyền, phổ biến các quan điểm, mục tiêu, nội dung của Đề án Văn hóa công vụ đến cán bộ, công chức, viên chức và người lao động",
    "việc rà soát, sửa đổi, bổ sung quy chế làm việc, nội quy, quy tắc ứng xử của {units}",
    "công tác kiểm tra công vụ, kiểm tra đột xuất việc chấp hành kỷ luật, kỷ cương hành chính",
    "việc bồi dưỡng kiến thức, kỹ năng về văn hóa công vụ, kỹ năng giao tiếp cho cán bộ, công chức làm việc tại Bộ phận Một cửa",
    "phong trào thi đua “Cán bộ, công chức, viên chức thi đua thực hiện văn hóa công sở”",
    "ứng dụng công nghệ thông tin, chuyển đổi số trong hoạt động của cơ quan, đơn vị, giảm hội họp, giấy tờ hành chính",
    "việc công khai, minh bạch thủ tục hành chính, tiếp nhận và xử lý phản ánh, kiến nghị của người dân, doanh nghiệp",
    "vai trò giám sát của Mặt trận Tổ quốc, các tổ chức chính trị - xã hội và Nhân dân đối với việc thực hiện văn hóa công vụ",
    "việc thực hiện các quy định về trang phục, đeo thẻ và bài trí công sở",
    "trách nhiệm nêu gương của người đứng đầu trong thực thi công vụ",
];

pub const TASK_PURPOSE: &[&str] = &[
    "nhằm nâng cao nhận thức về tinh thần, thái độ làm việc, các chuẩn mực giao tiếp, ứng xử, đạo đức, lối sống",
    "góp phần tạo chuyển biến mạnh mẽ trong tổ chức triển khai thực hiện",
    "tạo cơ sở ngăn ngừa một cách căn cơ, bài bản những vi phạm về văn hóa công vụ",
    "bảo đảm hoạt động công vụ được thực hiện nghiêm túc, thống nhất từ {cap} đến cơ sở",
    "góp phần nâng cao chỉ số cải cách hành chính và chỉ số hài lòng của người dân",
    "kịp thời phát hiện, chấn chỉnh những tồn tại, hạn chế",
];

pub const TIME_NOTE: &[&str] = &[
    "Thời gian thực hiện: thường xuyên.",
    "Thời gian thực hiện: thường xuyên trong năm {year}.",
    "Thời gian hoàn thành: trong Quý II năm {year}.",
    "Thời gian hoàn thành: trước ngày 30/6/{year}.",
    "Thời gian thực hiện: định kỳ hằng quý.",
];

pub const RESULT: &[&str] = &[
    "Trong kỳ, {org} đã tổ chức {n1} hội nghị quán triệt, tuyên truyền với trên {n2} lượt cán bộ, công chức, viên chức và người lao động tham gia.",
    "Đã có {n1}/{n3} cơ quan, đơn vị ban hành hoặc sửa đổi, bổ sung quy tắc ứng xử, nội quy cơ quan phù hợp với nội dung của Đề án Văn hóa công vụ.",
    "Qua kiểm tra {n1} lượt cơ quan, đơn vị, cơ bản cán bộ, công chức, viên chức chấp hành tốt thời giờ làm việc, đeo thẻ và trang phục theo quy định.",
    "Tỷ lệ hồ sơ thủ tục hành chính được giải quyết đúng và trước hạn đạt {p1}%, không có phản ánh, kiến nghị về thái độ phục vụ của cán bộ, công chức tại Bộ phận Một cửa.",
    "Công tác khen thưởng được quan tâm, đã khen thưởng {n1} tập thể và {n2} cá nhân có thành tích tiêu biểu trong thực hiện văn hóa công sở.",
    "Đã xử lý kỷ luật {n4} trường hợp vi phạm quy định về kỷ luật, kỷ cương hành chính, nhắc nhở, chấn chỉnh {n1} trường hợp.",
    "Chỉ số hài lòng của người dân, tổ chức đối với sự phục vụ của cơ quan hành chính nhà nước đạt {p1}%, tăng so với cùng kỳ năm trước.",
    "Việc tiếp nhận, xử lý văn bản trên hệ thống quản lý văn bản và điều hành được thực hiện thường xuyên, tỷ lệ văn bản điện tử đạt {p1}%.",
];

pub const DIRECTION: &[&str] = &[
    "Chỉ đạo các cơ quan, đơn vị, địa phương triển khai thực hiện văn hóa công vụ một cách nghiêm túc, thường xuyên, gắn với thực hiện nhiệm vụ chuyên môn.",
    "Sau khi Đề án được ban hành, {org} đã kịp thời ban hành kế hoạch triển khai, phân công nhiệm vụ cụ thể cho {units}.",
    "Công tác chỉ đạo, điều hành thực hiện văn hóa công vụ luôn được {org} xác định là một trong những giải pháp trọng tâm của công tác cải cách hành chính.",
    "Việc quán triệt được lồng ghép trong các cuộc giao ban, hội nghị, sinh hoạt chuyên đề và trên Trang thông tin điện tử của {place}.",
];

pub const STRENGTH: &[&str] = &[
    "Nhận thức của đội ngũ cán bộ, công chức, viên chức về văn hóa công vụ được nâng lên rõ rệt; tinh thần, thái độ phục vụ người dân có nhiều chuyển biến tích cực.",
    "Kỷ luật, kỷ cương hành chính được tăng cường; tình trạng đi muộn, về sớm, làm việc riêng trong giờ hành chính giảm đáng kể.",
    "Người đứng đầu các cơ quan, đơn vị đã quan tâm chỉ đạo, gương mẫu thực hiện, tạo sự lan tỏa trong toàn thể cán bộ, công chức, viên chức.",
    "Môi trường làm việc tại công sở ngày càng văn minh, thân thiện; bài trí công sở bảo đảm khoa học, đúng quy định.",
];

pub const WEAKNESS: &[&str] = &[
    "Việc triển khai thực hiện ở một số cơ quan, đơn vị còn hình thức, chưa thường xuyên, chưa gắn với đánh giá, xếp loại cán bộ, công chức, viên chức.",
    "Vẫn còn một số ít cán bộ, công chức có thái độ chưa đúng mực khi giao tiếp với người dân, giải quyết công việc còn chậm so với quy định.",
    "Công tác kiểm tra, giám sát có lúc chưa thường xuyên; việc xử lý vi phạm chưa kịp thời, chưa đủ sức răn đe.",
    "Cơ sở vật chất, trang thiết bị phục vụ công tác tại một số cơ quan, đơn vị còn thiếu, chưa đáp ứng yêu cầu.",
];

pub const CAUSE: &[&str] = &[
    "Một số người đứng đầu cơ quan, đơn vị chưa thật sự quan tâm, sâu sát trong chỉ đạo, kiểm tra, đôn đốc việc thực hiện.",
    "Ý thức tự giác, tinh thần trách nhiệm của một bộ phận cán bộ, công chức, viên chức chưa cao.",
    "Khối lượng công việc lớn, biên chế hạn chế nên việc tổ chức các hoạt động chuyên đề chưa được thường xuyên.",
];

pub const PROPOSAL: &[&str] = &[
    "Đề nghị {nv_parent} tiếp tục tổ chức các lớp bồi dưỡng chuyên sâu về văn hóa công vụ, kỹ năng giao tiếp cho cán bộ, công chức.",
    "Đề nghị cấp có thẩm quyền sớm ban hành tiêu chí đánh giá việc thực hiện văn hóa công vụ làm căn cứ đánh giá, xếp loại cán bộ, công chức, viên chức.",
    "Đề nghị quan tâm bố trí kinh phí để đầu tư cơ sở vật chất, trang thiết bị phục vụ hoạt động công vụ.",
];

pub const CLOSING_PLAN: &[&str] = &[
    "Trên đây là Kế hoạch {subject} của {org}. Trong quá trình thực hiện, nếu có khó khăn, vướng mắc, {units} kịp thời phản ánh về {org} (qua {nv}) để xem xét, giải quyết./.",
    "Yêu cầu Thủ trưởng {agencies}, Chủ tịch {lower} nghiêm túc triển khai thực hiện Kế hoạch này./.",
];

pub const NEWS_OPEN: &[&str] = &[
    "Sáng ngày {day}, {org} đã tổ chức hội nghị quán triệt, triển khai Đề án Văn hóa công vụ đến toàn thể cán bộ, công chức, viên chức và người lao động.",
    "Thời gian qua, việc thực hiện văn hóa công vụ trên địa bàn {place} đã có nhiều chuyển biến tích cực, được người dân ghi nhận.",
    "Ngày {day}, Đoàn kiểm tra công vụ của {org} đã tiến hành kiểm tra đột xuất việc chấp hành kỷ luật, kỷ cương hành chính tại một số cơ quan, đơn vị.",
];

pub const NEWS_QUOTE: &[&str] = &[
    "“Văn hóa công vụ không chỉ là quy định, mà phải trở thành thói quen hằng ngày của mỗi cán bộ, công chức”, đồng chí {person} nhấn mạnh.",
    "Phát biểu tại hội nghị, đồng chí {person} đề nghị các cơ quan, đơn vị tiếp tục quán triệt, thực hiện nghiêm “4 xin, 4 luôn” trong giao tiếp với người dân.",
    "Theo đồng chí {person}, điểm sáng của năm {year} là chỉ số hài lòng của người dân tiếp tục tăng so với năm trước.",
];
